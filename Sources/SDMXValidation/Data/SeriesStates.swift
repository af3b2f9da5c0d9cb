import SDMXModel

/// What the validator keeps per series, for the hundreds of thousands of series of a large file:
/// the periods seen (for duplicates), the dataset they were seen in, and the series' number among
/// those the consistency rules keep. 32 bytes a series, in a ``ChunkedArray``: as series multiply,
/// nothing doubles and copies itself.
final class SeriesStates {
    /// Made with the validator on the reading thread and used on the validating one: padded, so
    /// that its fields share no cache line with what the reading thread writes (``CacheLinePadding``).
    private let paddingBefore = CacheLinePadding()
    struct State {
        var periods = PeriodSet()
        /// The dataset the periods belong to (a new dataset starts them afresh).
        var generation: Int32
        /// The series' number among the series the rules keep, or ``notStored``.
        var stored: Int32
    }

    static let notStored: Int32 = -1

    private let states = ChunkedArray<State>()
    var count: Int { states.count }
    /// The period sets of series that outgrew their in-place one, by series.
    private var wide: [Int32: WidePeriodSet] = [:]
    private let paddingAfter = CacheLinePadding()

    /// Adds the state of the next series (number `count`).
    func append(_ state: State) {
        states.append(state)
    }

    subscript(series: Int) -> State {
        get { states[series] }
        set {
            if states[series].periods.isWide { wide[Int32(series)] = nil }
            states[series] = newValue
        }
    }

    /// Inserts a period of the series; returns false when the series had it already.
    func insert(_ period: TimePeriod.Ordinal, series: Int) -> Bool {
        if !states[series].periods.isWide, let inserted = states[series].periods.insertInPlace(period) {
            return inserted
        }
        let key = Int32(series)
        if let set = wide[key] { return set.insert(period) }
        let set = states[series].periods.widened()
        wide[key] = set
        return set.insert(period)
    }
}
