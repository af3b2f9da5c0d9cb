import SDMXModel

/// What the validator keeps per series, for the hundreds of thousands of series of a large file:
/// the periods seen (for duplicates), the dataset they were seen in, and the series' number among
/// those the consistency rules keep. 32 bytes a series, in chunks of 4096 series: as series
/// multiply, no array doubles and copies itself (which would hold twice the memory for a moment,
/// and up to twice what is needed after).
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
    private static let chunkShift = 12
    private static let chunkSize = 1 << chunkShift

    private var chunks: [UnsafeMutablePointer<State>] = []
    private(set) var count = 0
    /// The period sets of series that outgrew their in-place one, by series.
    private var wide: [Int32: WidePeriodSet] = [:]
    private let paddingAfter = CacheLinePadding()

    deinit {
        for (number, chunk) in chunks.enumerated() {
            chunk.deinitialize(count: min(Self.chunkSize, count - number * Self.chunkSize))
            chunk.deallocate()
        }
    }

    /// Adds the state of the next series (number `count`).
    func append(_ state: State) {
        if count == chunks.count * Self.chunkSize { chunks.append(.allocate(capacity: Self.chunkSize)) }
        (chunks[count >> Self.chunkShift] + (count & (Self.chunkSize - 1))).initialize(to: state)
        count += 1
    }

    @inline(__always)
    private func pointer(_ series: Int) -> UnsafeMutablePointer<State> {
        precondition(series >= 0 && series < count, "series \(series) of \(count)")
        return chunks[series >> Self.chunkShift] + (series & (Self.chunkSize - 1))
    }

    subscript(series: Int) -> State {
        get { pointer(series).pointee }
        set {
            if pointer(series).pointee.periods.isWide { wide[Int32(series)] = nil }
            pointer(series).pointee = newValue
        }
    }

    /// Inserts a period of the series; returns false when the series had it already.
    func insert(_ period: TimePeriod.Ordinal, series: Int) -> Bool {
        let state = pointer(series)
        if !state.pointee.periods.isWide, let inserted = state.pointee.periods.insertInPlace(period) { return inserted }
        let key = Int32(series)
        if let set = wide[key] { return set.insert(period) }
        let set = state.pointee.periods.widened()
        wide[key] = set
        return set.insert(period)
    }
}
