import SDMXBytes
import Testing

@Suite struct SlotChangesTests {
    /// A slot tells a repeat of its last value from any other, whatever the length (the short
    /// values are compared by overlapping loads, the longest are not kept at all): checked against
    /// plain array equality on values that differ in one byte anywhere, or in length.
    @Test func tellsRepeatsFromChangesAtEveryLength() {
        let changes = SlotChanges(count: 3)
        var generator = SystemRandomNumberGenerator()
        var last: [[UInt8]?] = [nil, nil, nil]
        for round in 0..<20_000 {
            let slot = round % 3
            var value: [UInt8]
            if let previous = last[slot], Bool.random(using: &generator) {
                value = previous
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: break  // the same value again
                case 1 where !value.isEmpty:
                    value[Int.random(in: 0..<value.count, using: &generator)] ^=
                        1 << UInt8.random(in: 0..<8, using: &generator)
                case 2: value.append(UInt8.random(in: 0...255, using: &generator))
                default: if !value.isEmpty { value.removeLast() }
                }
            } else {
                value = (0..<Int.random(in: 0...70, using: &generator)).map { _ in
                    UInt8.random(in: 0...3, using: &generator)
                }
            }
            let expected = last[slot] == value && value.count <= SlotChanges.width
            let same = value.withUnsafeBufferPointer { changes.isSame(slot, $0) }
            #expect(same == expected, "slot \(slot), \(last[slot].map { "\($0)" } ?? "nothing") then \(value)")
            last[slot] = value
            if !same {
                let kept = changes.kept(slot).map(Array.init)
                #expect(kept == (value.count <= SlotChanges.width ? value : nil))
            }
        }
    }
}
