import SDMXBytes
import Testing

@Suite struct ShortBytesTests {
    /// Equality and copying through overlapping words agree with a byte-by-byte reading at every
    /// length the branches split on (and beyond, where memcmp and memmove take over), for a
    /// difference at every position, and read or write nothing outside the given bytes.
    @Test func comparesAndCopiesAsBytesDo() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...80 {
            // Guard bytes around each buffer: a read past the end would see them, a write would change them.
            let a = (0..<(length + 16)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var b = a
            #expect(
                a.withUnsafeBufferPointer { x in
                    b.withUnsafeBufferPointer { y in ShortBytes.equal(x.baseAddress! + 8, y.baseAddress! + 8, length) }
                },
                "equal at length \(length)")
            for position in 0..<length {
                b = a
                b[8 + position] ^= 0x01
                #expect(
                    !a.withUnsafeBufferPointer { x in
                        b.withUnsafeBufferPointer { y in
                            ShortBytes.equal(x.baseAddress! + 8, y.baseAddress! + 8, length)
                        }
                    },
                    "a difference at \(position) of \(length)")
            }
            // Bytes outside the compared ones differ: still equal.
            b = a
            b[7] ^= 0xFF
            b[8 + length] ^= 0xFF
            #expect(
                a.withUnsafeBufferPointer { x in
                    b.withUnsafeBufferPointer { y in ShortBytes.equal(x.baseAddress! + 8, y.baseAddress! + 8, length) }
                },
                "only the \(length) bytes are compared")
            var target = [UInt8](repeating: 0xAA, count: length + 16)
            a.withUnsafeBufferPointer { source in
                target.withUnsafeMutableBufferPointer {
                    ShortBytes.copy(source.baseAddress! + 8, to: $0.baseAddress! + 8, length)
                }
            }
            #expect(Array(target[8..<(8 + length)]) == Array(a[8..<(8 + length)]), "copied at length \(length)")
            #expect(
                target[..<8].allSatisfy { $0 == 0xAA } && target[(8 + length)...].allSatisfy { $0 == 0xAA },
                "nothing written outside at \(length)")
        }
    }
}
