/// What a data message's header says: who sent it and which structures its datasets follow.
public struct DataMessageHeader: Sendable {
    public var id: String?
    public var sender: String?
    public var prepared: String?
    public var structures: [DataStructureUsage]
    /// The period the message says its data cover (`ReportingBegin`/`ReportingEnd`), with their lines.
    public var reportingBegin: (value: String, line: Int)?
    public var reportingEnd: (value: String, line: Int)?

    public init(
        id: String? = nil, sender: String? = nil, prepared: String? = nil, structures: [DataStructureUsage] = []
    ) {
        self.id = id
        self.sender = sender
        self.prepared = prepared
        self.structures = structures
    }

    /// The structure a dataset follows: the one its `structureRef` names, or the header's only
    /// one when the dataset names none (SDMX-ML 2.0 names none).
    public func usage(for structureRef: String?) -> DataStructureUsage? {
        guard let structureRef else { return structures.first }
        return structures.first { $0.structureID == structureRef }
    }

    /// A dataset's `structureRef` that matches no `Structure` of the header, so the data can say so
    /// (and fall back to the header's only structure, with a warning); nil when it matches or is absent.
    public func danglingReference(_ structureRef: String?) -> DanglingStructureRef? {
        guard let structureRef, usage(for: structureRef) == nil else { return nil }
        return DanglingStructureRef(
            structureRef: structureRef, declared: structures.map(\.structureID),
            fallback: structures.count == 1 ? structures.first?.reference : nil)
    }
}

/// A `structureRef` naming no `Structure` of its message's header.
public struct DanglingStructureRef: Sendable {
    public var structureRef: String
    /// The `structureID`s the header does declare.
    public var declared: [String]
    /// The header's only structure, used instead; nil when it declares none or several.
    public var fallback: ArtefactReference?
}

/// A structure a dataset follows (`message:Structure`): its local id, the dataflow or DSD, and the
/// dimension at the observation level (`TIME_PERIOD`, another dimension, or `AllDimensions`).
public struct DataStructureUsage: Sendable {
    public var structureID: String
    public var reference: ArtefactReference
    public var dimensionAtObservation: String?
    /// `explicitMeasures="true"`: with a measure dimension at the observation level, each `Obs` names
    /// its measure by its type (`xsi:type="demo:TFRNSI"`), the value of that dimension.
    public var explicitMeasures = false

    public init(structureID: String, reference: ArtefactReference, dimensionAtObservation: String?) {
        self.structureID = structureID
        self.reference = reference
        self.dimensionAtObservation = dimensionAtObservation
    }
}

/// The start of a dataset: the structure it follows and its dataset-level values.
public struct DataSetStart: Sendable {
    /// The structure as the data names it (header usage or STRUCTURE_ID); `nil` when it names none.
    public var structure: ArtefactReference?
    /// The SDMX action: Information, Append, Replace, Merge or Delete.
    public var action: String?
    public var values: [ComponentValue]
    public var position: DataPosition
    /// SDMX-CSV allows columns of its own beside the components: they get a warning, not an error.
    public var unknownComponentsAreCustom = false
    /// Country CSV: these components' values went through a profile's label mapping, so a value
    /// that is not a code is a label the profile does not map.
    public var labelMapping: LabelMapping?
    /// The dataset's `structureRef` when it matched no `Structure` of the header.
    public var dangling: DanglingStructureRef?

    public init(structure: ArtefactReference?, action: String?, values: [ComponentValue], position: DataPosition) {
        self.structure = structure
        self.action = action
        self.values = values
        self.position = position
    }
}

/// Which components a country-CSV profile maps labels for, and the profile's file.
public struct LabelMapping: Sendable {
    public var profile: String
    public var components: Set<String>

    public init(profile: String, components: Set<String>) {
        self.profile = profile
        self.components = components
    }
}
