/// What the repository holds for a dataflow and a query: what an SDMX availability query answers with as
/// a content constraint's cube region (the values of each dimension, the time range, the counts).
public struct DataAvailability: Sendable, Equatable {
    /// Which values each dimension lists.
    public enum Mode: String, Sendable, CaseIterable {
        /// The values the query's answer holds.
        case exact
        /// For each dimension, the values that would still give observations with the other dimensions'
        /// selections as they are: what a query form may still offer (SDMX REST `mode=available`).
        case available
    }

    /// For each dimension in key order, its distinct values, sorted.
    public var values: [[String]]
    /// The earliest and the latest period of the answer (by the time they cover), nil when it is empty.
    public var earliestPeriod: String?
    /// See ``earliestPeriod``: the latest period, nil when the answer is empty.
    public var latestPeriod: String?
    /// From the start of the earliest period to the end of the latest (UTC seconds, end exclusive).
    public var timeRange: PeriodRange?
    /// The observations and series of the query's answer.
    public var observationCount: Int
    /// See ``observationCount``: the distinct series of the answer.
    public var seriesCount: Int

    /// A span of time in UTC seconds, the end exclusive.
    public struct PeriodRange: Sendable, Equatable {
        /// The first second of the span (UTC, since 1970).
        public var start: Int64
        /// The first second after the span (UTC, since 1970): exclusive.
        public var end: Int64
    }

    /// An availability as the repository computed it.
    public init(
        values: [[String]], earliestPeriod: String?, latestPeriod: String?, timeRange: PeriodRange?,
        observationCount: Int, seriesCount: Int
    ) {
        self.values = values
        self.earliestPeriod = earliestPeriod
        self.latestPeriod = latestPeriod
        self.timeRange = timeRange
        self.observationCount = observationCount
        self.seriesCount = seriesCount
    }
}
