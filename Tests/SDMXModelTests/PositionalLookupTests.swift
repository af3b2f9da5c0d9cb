import SDMXModel
import Testing

/// ``PositionalLookup``: the answer is always the look-up's for the id given, whatever the position held
/// before; the look-up runs again only when a position's id changes.
@Suite struct PositionalLookupTests {
    final class Counter: @unchecked Sendable {
        var calls = 0
    }

    @Test func answersFollowTheIdsAndLookUpOncePerChange() {
        let counter = Counter()
        var lookup = PositionalLookup<Int> { id in
            counter.calls += 1
            return id.count
        }
        let rows = [["A", "BB", "CCC"], ["A", "BB", "CCC"], ["A", "DDDD", "CCC"], ["A", "BB"]]
        for row in rows {
            for (position, id) in row.enumerated() {
                #expect(lookup.answer(for: id, at: position) == id.count)
            }
        }
        // 3 for the first row, none for the second, 1 for DDDD, 1 for BB again.
        #expect(counter.calls == 5)
        // A position past the ones seen (not the next one) is answered without being remembered.
        #expect(lookup.answer(for: "EEEEE", at: 7) == 5)
        #expect(lookup.answer(for: "EEEEE", at: 7) == 5)
        #expect(counter.calls == 7)
    }
}
