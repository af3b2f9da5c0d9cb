/// Which stored observations to read, and how: a dataflow's, now or as of a time, filtered by key, period,
/// update time and component values, optionally with every version, and limited per series. What the
/// schema indexes (the dataflow, the version, the key's leading values, the period's bounds, the update
/// time) is selected in SQL; the rest as the rows stream past. See ``AllianceRepository/forEachObservation(_:_:)``.
public struct ObservationQuery: Sendable, Equatable {
    /// The dataflow as reports name it: `IDAC:DF_CHILD_MIGRATION(1.0)`.
    public var dataflow: String
    /// An instant in the repository's form (``RepositoryInstant``), or nil for the current values.
    public var asOf: String?
    /// The REF_AREA values to keep, or nil for all.
    public var refAreas: Set<String>?
    /// The series keys to keep: alternatives, any of which may match (SDMX REST 2.x lists several keys
    /// with `,`), each giving for every dimension in key order the values to keep, an empty set for any.
    /// Empty keeps every key.
    public var keys: [[Set<String>]]
    /// Keeps observations whose period starts at or after this instant (UTC seconds, ``PeriodInterval``).
    public var periodFrom: Int64?
    /// Keeps observations whose period ends by this instant (UTC seconds, exclusive end).
    public var periodUntil: Int64?
    /// Only what changed after this instant (``RepositoryInstant`` form): versions that began after it, and
    /// observations deleted after it (handed over with their last version, ``StoredObservation/validTo`` set).
    public var updatedAfter: String?
    /// Every version, oldest first within each observation, instead of the one in force.
    public var includeHistory: Bool
    /// At most this many periods per series, from the first.
    public var firstN: Int?
    /// At most this many periods per series, counting back from the last.
    public var lastN: Int?
    /// Conditions on component values (SDMX REST 2.x `c[...]`), all of which must hold.
    public var conditions: [ComponentCondition]

    /// A query for `dataflow`; every other filter is off unless given.
    public init(
        dataflow: String, asOf: String? = nil, refAreas: Set<String>? = nil, keys: [[Set<String>]] = [],
        periodFrom: Int64? = nil, periodUntil: Int64? = nil, updatedAfter: String? = nil,
        includeHistory: Bool = false, firstN: Int? = nil, lastN: Int? = nil, conditions: [ComponentCondition] = []
    ) {
        self.dataflow = dataflow
        self.asOf = asOf
        self.refAreas = refAreas
        self.keys = keys
        self.periodFrom = periodFrom
        self.periodUntil = periodUntil
        self.updatedAfter = updatedAfter
        self.includeHistory = includeHistory
        self.firstN = firstN
        self.lastN = lastN
        self.conditions = conditions
    }
}
