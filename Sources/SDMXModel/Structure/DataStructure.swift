/// A data structure definition (DSD): the dimensions, measures and attributes of a dataset.
public struct DataStructure: Hashable, Sendable {
    public var info: MaintainableInfo
    /// Dimensions other than time, in position order.
    public var dimensions: [Dimension]
    public var timeDimension: Component?
    /// The primary measure (SDMX 2.1) or the measures (SDMX 3.0).
    public var measures: [Component]
    public var attributes: [DataAttribute]
    public var groups: [GroupDescriptor]

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

    public var reference: ArtefactReference { info.reference }
}

/// What every component shares: an id, the concept it stands for, and its own representation.
public struct Component: Hashable, Sendable {
    public var id: String
    public var conceptIdentity: ItemReference?
    public var localRepresentation: Representation?

    public init(id: String, conceptIdentity: ItemReference? = nil, localRepresentation: Representation? = nil) {
        self.id = id
        self.conceptIdentity = conceptIdentity
        self.localRepresentation = localRepresentation
    }
}

/// A dimension and its position in the series key.
public struct Dimension: Hashable, Sendable {
    public var component: Component
    public var position: Int

    public init(component: Component, position: Int) {
        self.component = component
        self.position = position
    }

    public var id: String { component.id }
}

/// A data attribute: whether it must be reported, and what it is attached to.
public struct DataAttribute: Hashable, Sendable {
    public var component: Component
    public var assignmentStatus: AssignmentStatus
    public var attachment: AttributeAttachment

    public init(component: Component, assignmentStatus: AssignmentStatus, attachment: AttributeAttachment) {
        self.component = component
        self.assignmentStatus = assignmentStatus
        self.attachment = attachment
    }

    public var id: String { component.id }
    public var isMandatory: Bool { assignmentStatus == .mandatory }
}

public enum AssignmentStatus: String, Hashable, Sendable {
    case mandatory = "Mandatory"
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
    public var id: String
    public var dimensionIDs: [String]

    public init(id: String, dimensionIDs: [String]) {
        self.id = id
        self.dimensionIDs = dimensionIDs
    }
}
