/// A content constraint: which keys and values a dataflow or DSD allows (or actually holds).
///
/// Read now so that structure files load whole; enforcement comes with the constraint checks.
public struct ContentConstraint: Hashable, Sendable {
    /// Whether the constraint states what may be reported or what a database holds.
    public enum ConstraintType: String, Hashable, Sendable {
        /// What data may contain: the constraint the validator enforces.
        case allowed = "Allowed"
        /// What data exist (a registry's availability answer), not a rule for reporters.
        case actual = "Actual"
    }

    /// Its identity (agency, id, version), name and where it was read.
    public var info: MaintainableInfo
    /// Allowed or actual; only allowed constraints restrict data.
    public var type: ConstraintType
    /// The dataflows, DSDs or provision agreements the constraint applies to.
    public var attachments: [ArtefactReference]
    /// The cube regions: the values each component may (or may not) take, component by component.
    public var cubeRegions: [CubeRegion]
    /// The key sets: whole (or partial) series keys included or excluded.
    public var dataKeySets: [DataKeySet]
    /// Annotations on the constraint itself (an availability answer's `obs_count` and `series_count`).
    public var annotations: [Annotation]

    /// Makes a constraint, as the structure readers do.
    public init(
        info: MaintainableInfo, type: ConstraintType, attachments: [ArtefactReference],
        cubeRegions: [CubeRegion], dataKeySets: [DataKeySet], annotations: [Annotation] = []
    ) {
        self.info = info
        self.annotations = annotations
        self.type = type
        self.attachments = attachments
        self.cubeRegions = cubeRegions
        self.dataKeySets = dataKeySets
    }

    /// The constraint's own reference (its kind says 2.1 content or 3.0 data constraint).
    public var reference: ArtefactReference { info.reference }
}

/// A region of the data cube: for each component, the values included (or excluded).
public struct CubeRegion: Hashable, Sendable {
    /// Whether the region says what is allowed (`include="true"`, the default) or what is excluded.
    public var isIncluded: Bool
    /// The selections of dimension values (`KeyValue`), one per dimension named.
    public var keyValues: [MemberSelection]
    /// The selections of attribute values (`Attribute`), one per attribute named.
    public var attributeValues: [MemberSelection]

    /// Makes a cube region.
    public init(isIncluded: Bool, keyValues: [MemberSelection], attributeValues: [MemberSelection]) {
        self.isIncluded = isIncluded
        self.keyValues = keyValues
        self.attributeValues = attributeValues
    }
}

/// The values of one component within a cube region, or a time range for the time dimension.
public struct MemberSelection: Hashable, Sendable {
    /// The dimension or attribute the selection is about.
    public var componentID: String
    /// Whether the values are the ones included (the default) or the ones excluded.
    public var isIncluded: Bool
    /// The values listed, as codes or text; empty when the selection is a time range.
    public var values: [String]
    /// The periods selected, for the time dimension; nil when values are listed instead.
    public var timeRange: TimeRangeSelection?

    /// Makes a selection of values (or of a time range).
    public init(componentID: String, isIncluded: Bool = true, values: [String], timeRange: TimeRangeSelection? = nil) {
        self.componentID = componentID
        self.isIncluded = isIncluded
        self.values = values
        self.timeRange = timeRange
    }
}

/// A time range in a constraint: before, after, or between two periods.
public struct TimeRangeSelection: Hashable, Sendable {
    /// The first period of the range, as written; nil when the range has no start.
    public var start: String?
    /// Whether ``start`` itself is in the range.
    public var startInclusive: Bool
    /// The last period of the range, as written; nil when the range has no end.
    public var end: String?
    /// Whether ``end`` itself is in the range.
    public var endInclusive: Bool

    /// Makes a time range; a `start` alone means "after", an `end` alone "before".
    public init(start: String?, startInclusive: Bool, end: String?, endInclusive: Bool) {
        self.start = start
        self.startInclusive = startInclusive
        self.end = end
        self.endInclusive = endInclusive
    }
}

/// A set of full or partial keys (`str:DataKeySet`), included or excluded.
public struct DataKeySet: Hashable, Sendable {
    /// Whether the keys are the ones included or the ones excluded.
    public var isIncluded: Bool
    /// Each key maps dimension ids to values; a dimension left out matches anything.
    public var keys: [[String: String]]

    /// Makes a key set.
    public init(isIncluded: Bool, keys: [[String: String]]) {
        self.isIncluded = isIncluded
        self.keys = keys
    }
}
