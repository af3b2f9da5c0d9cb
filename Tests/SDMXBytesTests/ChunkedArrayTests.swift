import SDMXBytes
import Testing

@Suite struct ChunkedArrayTests {
    /// Across chunk boundaries (4096 elements a chunk), elements keep their values and change in place.
    @Test func appendsReadsAndModifiesAcrossChunks() {
        let list = ChunkedArray<[Int]>()
        for index in 0..<10_000 { list.append([index]) }
        #expect(list.count == 10_000)
        #expect(list[0] == [0] && list[4095] == [4095] && list[4096] == [4096] && list[9_999] == [9_999])
        list[4096] = [1, 2]
        list[8_191].append(7)
        let total = list[8_191].reduce(0, +)
        #expect(total == 8_198)
        #expect(list[8_191] == [8_191, 7])
        #expect(list[4096] == [1, 2])
    }

    /// Elements are released with the list (a class element's deinit runs).
    @Test func releasesItsElements() {
        final class Tracked {
            let onDeinit: () -> Void
            init(_ onDeinit: @escaping () -> Void) { self.onDeinit = onDeinit }
            deinit { onDeinit() }
        }
        var released = 0
        do {
            let list = ChunkedArray<Tracked>()
            for _ in 0..<5_000 { list.append(Tracked { released += 1 }) }
        }
        #expect(released == 5_000)
    }
}

@Suite struct ShortBytesKeyTests {
    /// Same length and same key exactly when the bytes are the same, for every length up to 16.
    @Test func keysTellShortByteStringsApart() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...16 {
            for _ in 0..<2_000 {
                let a = (0..<length).map { _ in UInt8.random(in: 0...3, using: &generator) }
                var b = a
                if length > 0, Bool.random(using: &generator) {
                    b[Int.random(in: 0..<length, using: &generator)] = UInt8.random(in: 0...3, using: &generator)
                }
                let keys = a.withUnsafeBufferPointer { x in
                    b.withUnsafeBufferPointer { y in
                        (ShortBytes.key(x), ShortBytes.key(y))
                    }
                }
                #expect((keys.0 == keys.1) == (a == b), "\(a) \(b)")
            }
        }
    }
}
