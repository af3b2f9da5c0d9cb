import SDMXModel
@testable import SDMXValidation
import Testing

/// The per-series sets of periods behind duplicate detection (in place, widened when outgrown,
/// per series in chunks), against plain `Set`s.
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
        let states = SeriesStates()
        states.append(SeriesStates.State(generation: 0, stored: SeriesStates.notStored))
        var reference = Set<TimePeriod.Ordinal>()
        // Quarters around 2000 over a span wider than the in-place words and the bitset, in any
        // order, some years, and hashed periods anywhere in the 64-bit range.
        for _ in 0..<5_000 {
            let period: TimePeriod.Ordinal
            switch generator.next(10) {
            case 0: period = TimePeriod.Ordinal(kind: 1, value: 1990 + generator.next(40))
            case 1:
                period = TimePeriod.Ordinal(
                    kind: 255, value: generator.next(Int64.max) &* (generator.next(2) == 0 ? 1 : -1))
            case 2: period = TimePeriod.Ordinal(kind: 6, value: 8000 + generator.next(200_000) - 100_000)
            default: period = TimePeriod.Ordinal(kind: 6, value: 8000 + generator.next(300) - 150)
            }
            let inserted = states.insert(period, series: 0), expected = reference.insert(period).inserted
            #expect(inserted == expected, "period \(period)")
        }
    }

    @Test func fortyQuartersFromAnyStartAreTold() {
        let states = SeriesStates()
        for start in Int64(7_990)...Int64(8_060) {
            let series = states.count
            states.append(SeriesStates.State(generation: 0, stored: SeriesStates.notStored))
            func insert(_ value: Int64) -> Bool {
                states.insert(TimePeriod.Ordinal(kind: 6, value: value), series: series)
            }
            var answers: [Bool] = []
            for quarter in 0..<40 { answers.append(insert(start + Int64(quarter))) }
            answers.append(insert(start + 39))
            answers.append(insert(start))
            answers.append(insert(start - 1))
            #expect(answers == Array(repeating: true, count: 40) + [false, false, true], "from \(start)")
        }
    }

    /// Many series, each with its own periods, across chunks; a series started afresh (a new dataset)
    /// forgets its periods, wide ones included.
    @Test func seriesKeepTheirOwnPeriodsAndForgetThemWhenStartedAfresh() {
        let states = SeriesStates()
        var generator = Generator(state: 9)
        var references: [Set<TimePeriod.Ordinal>] = []
        for _ in 0..<10_000 {
            states.append(SeriesStates.State(generation: 1, stored: 7))
            references.append([])
        }
        for _ in 0..<60_000 {
            let series = Int(generator.next(10_000))
            // Mostly quarters near one another; now and then one far away, which widens the set.
            let value = generator.next(50) == 0 ? generator.next(100_000) : 8_000 + generator.next(60)
            let period = TimePeriod.Ordinal(kind: 6, value: value)
            #expect(
                states.insert(period, series: series) == references[series].insert(period).inserted, "series \(series)")
        }
        #expect(states[9_999].stored == 7 && states[4_096].generation == 1)
        for series in stride(from: 0, to: 10_000, by: 3) {
            states[series] = SeriesStates.State(generation: 2, stored: SeriesStates.notStored)
            references[series] = []
        }
        for series in 0..<10_000 {
            let period = TimePeriod.Ordinal(kind: 6, value: 8_010)
            #expect(
                states.insert(period, series: series) == references[series].insert(period).inserted,
                "series \(series) again")
        }
        #expect(states.count == 10_000 && states[3].generation == 2 && states[4].generation == 1)
    }
}
