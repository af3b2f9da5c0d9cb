import SDMXModel
@testable import SDMXValidation
import Testing

/// The per-series set of periods behind duplicate detection, against a plain `Set`.
@Suite struct PeriodSetTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int64) -> Int64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int64(truncatingIfNeeded: (state >> 33) % UInt64(bound))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func answersAsASetWouldForAnyOrderSpanAndKind(seed: UInt64) {
        var generator = Generator(state: seed)
        var set = PeriodSet()
        var reference = Set<TimePeriod.Ordinal>()
        // Quarters around 2000 over a span wider than the in-place words and the bitset, in any
        // order, some years, and hashed periods anywhere in the 64-bit range.
        for _ in 0..<5_000 {
            let period: TimePeriod.Ordinal
            switch generator.next(10) {
            case 0: period = TimePeriod.Ordinal(kind: 1, value: 1990 + generator.next(40))
            case 1: period = TimePeriod.Ordinal(kind: 255, value: generator.next(Int64.max) &* (generator.next(2) == 0 ? 1 : -1))
            case 2: period = TimePeriod.Ordinal(kind: 6, value: 8000 + generator.next(200_000) - 100_000)
            default: period = TimePeriod.Ordinal(kind: 6, value: 8000 + generator.next(300) - 150)
            }
            let inserted = set.insert(period), expected = reference.insert(period).inserted
            #expect(inserted == expected, "period \(period)")
        }
    }

    @Test func fortyQuartersFromAnyStartAreTold() {
        for start in Int64(7_990)...Int64(8_060) {
            var set = PeriodSet()
            var answers: [Bool] = []
            for quarter in 0..<40 { answers.append(set.insert(TimePeriod.Ordinal(kind: 6, value: start + Int64(quarter)))) }
            answers.append(set.insert(TimePeriod.Ordinal(kind: 6, value: start + 39)))
            answers.append(set.insert(TimePeriod.Ordinal(kind: 6, value: start)))
            answers.append(set.insert(TimePeriod.Ordinal(kind: 6, value: start - 1)))
            #expect(answers == Array(repeating: true, count: 40) + [false, false, true], "from \(start)")
        }
    }
}
