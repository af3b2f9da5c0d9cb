/// Which stored observations to read: a dataflow's, now or as of a time, optionally of some reference
/// areas only (the filters the repository can answer from its indexes).
public struct ObservationQuery: Sendable, Equatable {
    /// The dataflow as reports name it: `IDAC:DF_CHILD_MIGRATION(1.0)`.
    public var dataflow: String
    /// An instant in the repository's form (``RepositoryInstant``), or nil for the current values.
    public var asOf: String?
    /// The REF_AREA values to keep, or nil for all.
    public var refAreas: Set<String>?

    public init(dataflow: String, asOf: String? = nil, refAreas: Set<String>? = nil) {
        self.dataflow = dataflow
        self.asOf = asOf
        self.refAreas = refAreas
    }
}
