/// A content constraint: which keys and values a dataflow or DSD allows (or actually holds).
///
/// Read now so that structure files load whole; enforcement comes with the constraint checks.
public struct ContentConstraint: Hashable, Sendable {
    public enum ConstraintType: String, Hashable, Sendable {
        case allowed = "Allowed"
        case actual = "Actual"
    }

    public var info: MaintainableInfo
    public var type: ConstraintType
    /// The dataflows, DSDs or provision agreements the constraint applies to.
    public var attachments: [ArtefactReference]
    public var cubeRegions: [CubeRegion]
    public var dataKeySets: [DataKeySet]
    /// Annotations on the constraint itself (an availability answer's `obs_count` and `series_count`).
    public var annotations: [Annotation]

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

    public var reference: ArtefactReference { info.reference }
}

/// A region of the data cube: for each component, the values included (or excluded).
public struct CubeRegion: Hashable, Sendable {
    public var isIncluded: Bool
    public var keyValues: [MemberSelection]
    public var attributeValues: [MemberSelection]

    public init(isIncluded: Bool, keyValues: [MemberSelection], attributeValues: [MemberSelection]) {
        self.isIncluded = isIncluded
        self.keyValues = keyValues
        self.attributeValues = attributeValues
    }
}

/// The values of one component within a cube region, or a time range for the time dimension.
public struct MemberSelection: Hashable, Sendable {
    public var componentID: String
    public var isIncluded: Bool
    public var values: [String]
    public var timeRange: TimeRangeSelection?

    public init(componentID: String, isIncluded: Bool = true, values: [String], timeRange: TimeRangeSelection? = nil) {
        self.componentID = componentID
        self.isIncluded = isIncluded
        self.values = values
        self.timeRange = timeRange
    }
}

/// A time range in a constraint: before, after, or between two periods.
public struct TimeRangeSelection: Hashable, Sendable {
    public var start: String?
    public var startInclusive: Bool
    public var end: String?
    public var endInclusive: Bool

    public init(start: String?, startInclusive: Bool, end: String?, endInclusive: Bool) {
        self.start = start
        self.startInclusive = startInclusive
        self.end = end
        self.endInclusive = endInclusive
    }
}

/// A set of full or partial keys (`str:DataKeySet`), included or excluded.
public struct DataKeySet: Hashable, Sendable {
    public var isIncluded: Bool
    /// Each key maps dimension ids to values; a dimension left out matches anything.
    public var keys: [[String: String]]

    public init(isIncluded: Bool, keys: [[String: String]]) {
        self.isIncluded = isIncluded
        self.keys = keys
    }
}
