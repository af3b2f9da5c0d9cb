@testable import SDMXValidation
import Testing

@Suite struct SeriesKeysTests {
    /// Series are numbered in order of first appearance and found again by their values, across the
    /// table's growth and past 65 536 values of one dimension (where the numbers widen to 32 bits).
    @Test func seriesAreFoundAgainByTheirValues() {
        let keys = SeriesKeys()
        let dimensions = [0, 2]
        func slots(_ first: String, _ second: String?) -> [String?] { [first, "unrelated", second] }
        var expected: [String: Int] = [:]
        for number in 0..<70_000 {
            let (series, isNew) = keys.number(
                of: slots("A\(number)", number % 3 == 0 ? nil : "B\(number % 7)"), dimensions: dimensions)
            #expect(isNew && series == number)
            expected["A\(number)|\(number % 3 == 0 ? "" : "B\(number % 7)")"] = series
        }
        #expect(keys.count == 70_000)
        for number in stride(from: 0, to: 70_000, by: 997) {
            let (series, isNew) = keys.number(
                of: slots("A\(number)", number % 3 == 0 ? "" : "B\(number % 7)"), dimensions: dimensions)
            #expect(!isNew && series == expected["A\(number)|\(number % 3 == 0 ? "" : "B\(number % 7)")"])
            #expect(
                keys.value(of: series, at: 0) == "A\(number)"
                    && keys.value(of: series, at: 1) == (number % 3 == 0 ? "" : "B\(number % 7)"))
        }
        #expect(keys.count == 70_000, "a missing dimension and an empty one are the same series, as in the key's text")
    }

    /// Values holding the key separator stay apart: A.B + C is not A + B.C.
    @Test func valuesWithDotsAreNotConfused() {
        let keys = SeriesKeys()
        let first = keys.number(of: ["A.B", "C"], dimensions: [0, 1])
        let second = keys.number(of: ["A", "B.C"], dimensions: [0, 1])
        #expect(first.number != second.number && second.isNew)
        #expect(keys.value(of: second.number, at: 1) == "B.C")
    }
}
