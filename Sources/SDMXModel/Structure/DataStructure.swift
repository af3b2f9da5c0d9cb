/// A data structure definition (DSD): the dimensions, measures and attributes of a dataset.
public struct DataStructure: Hashable, Sendable {
    /// Its identity (agency, id, version), name and where it was read.
    public var info: MaintainableInfo
    /// Dimensions other than time, in position order.
    public var dimensions: [Dimension]
    /// The time dimension (`TIME_PERIOD` as a rule); nil for a DSD without one.
    public var timeDimension: Component?
    /// The primary measure (SDMX 2.1) or the measures (SDMX 3.0).
    public var measures: [Component]
    /// The attributes, in the order written.
    public var attributes: [DataAttribute]
    /// The groups of series the DSD names, to which group-level attributes attach.
    public var groups: [GroupDescriptor]

    /// Makes a DSD; the dimensions are sorted by position, whatever order they come in.
    public init(
        info: MaintainableInfo, dimensions: [Dimension], timeDimension: Component?,
        measures: [Component], attributes: [DataAttribute], groups: [GroupDescriptor]
    ) {
        self.info = info
        self.dimensions = dimensions.sorted { $0.position < $1.position }
        self.timeDimension = timeDimension
        self.measures = measures
        self.attributes = attributes
        self.groups = groups
    }

    /// The DSD's own reference (kind `DataStructure`), as dataflows and data headers name it.
    public var reference: ArtefactReference { info.reference }
}

/// What every component shares: an id, the concept it stands for, and its own representation.
public struct Component: Hashable, Sendable {
    /// The component's id, as data messages name it (`FREQ`, `OBS_VALUE`).
    public var id: String
    /// The concept it stands for: where its meaning and, failing its own, its representation come from.
    public var conceptIdentity: ItemReference?
    /// The representation the DSD gives it, which overrides the concept's.
    public var localRepresentation: Representation?

    /// Makes a component.
    public init(id: String, conceptIdentity: ItemReference? = nil, localRepresentation: Representation? = nil) {
        self.id = id
        self.conceptIdentity = conceptIdentity
        self.localRepresentation = localRepresentation
    }
}

/// A dimension and its position in the series key.
public struct Dimension: Hashable, Sendable {
    /// What the dimension shares with every component (id, concept, representation).
    public var component: Component
    /// Its 1-based place in the series key, as the DSD's `position` gives it (or the order written).
    public var position: Int

    /// Makes a dimension.
    public init(component: Component, position: Int) {
        self.component = component
        self.position = position
    }

    /// The component's id.
    public var id: String { component.id }
}

/// A data attribute: whether it must be reported, and what it is attached to.
public struct DataAttribute: Hashable, Sendable {
    /// What the attribute shares with every component (id, concept, representation).
    public var component: Component
    /// Whether it must be reported.
    public var assignmentStatus: AssignmentStatus
    /// The level its value belongs to: dataset, group, series or observation.
    public var attachment: AttributeAttachment

    /// Makes a data attribute.
    public init(component: Component, assignmentStatus: AssignmentStatus, attachment: AttributeAttachment) {
        self.component = component
        self.assignmentStatus = assignmentStatus
        self.attachment = attachment
    }

    /// The component's id.
    public var id: String { component.id }
    /// Whether data that lack the attribute are in error (MISSING_ATTRIBUTE).
    public var isMandatory: Bool { assignmentStatus == .mandatory }
}

/// Whether an attribute must be reported (`assignmentStatus`).
public enum AssignmentStatus: String, Hashable, Sendable {
    /// Must be reported at its level.
    case mandatory = "Mandatory"
    /// May be left out.
    case conditional = "Conditional"
}

/// The level an attribute's value belongs to.
public enum AttributeAttachment: Hashable, Sendable {
    /// Once for the whole dataset (`AttributeRelationship/None`).
    case dataSet
    /// To a group of series named in the DSD.
    case group(String)
    /// To the series (or partial keys) formed by these dimensions.
    case dimensions([String])
    /// To each observation (`AttributeRelationship/PrimaryMeasure`).
    case observation

    /// Words for messages.
    public var levelName: String {
        switch self {
        case .dataSet: "dataset"
        case .group(let id): "group \(id)"
        case .dimensions: "series"
        case .observation: "observation"
        }
    }
}

/// A group of series sharing some dimensions (`str:Group`), such as ECB's sibling group.
public struct GroupDescriptor: Hashable, Sendable {
    /// The group's id, as group-level attributes and data messages' `Group` elements name it.
    public var id: String
    /// The dimensions whose values identify a group: the series sharing them share the group's attributes.
    public var dimensionIDs: [String]

    /// Makes a group descriptor.
    public init(id: String, dimensionIDs: [String]) {
        self.id = id
        self.dimensionIDs = dimensionIDs
    }
}
