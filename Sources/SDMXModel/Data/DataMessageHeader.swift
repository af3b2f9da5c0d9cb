/// What a data message's header says: who sent it and which structures its datasets follow.
public struct DataMessageHeader: Sendable {
    /// The message's `ID`, as the sender chose it; nil when absent.
    public var id: String?
    /// The `id` of the header's `Sender`: the organisation that sent the data.
    public var sender: String?
    /// The `Prepared` date-time, as written.
    public var prepared: String?
    /// The structures the header declares (`message:Structure`), which datasets name by `structureRef`.
    public var structures: [DataStructureUsage]
    /// The period the message says its data cover (`ReportingBegin`/`ReportingEnd`), with their lines.
    public var reportingBegin: (value: String, line: Int)?
    /// See ``reportingBegin``: the last period the data cover, with its line.
    public var reportingEnd: (value: String, line: Int)?

    /// Makes a header; the reporting period is set afterwards, when the message gives one.
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
    /// The dataset's `structureRef`, as written.
    public var structureRef: String
    /// The `structureID`s the header does declare.
    public var declared: [String]
    /// The header's only structure, used instead; nil when it declares none or several.
    public var fallback: ArtefactReference?
}

/// A structure a dataset follows (`message:Structure`): its local id, the dataflow or DSD, and the
/// dimension at the observation level (`TIME_PERIOD`, another dimension, or `AllDimensions`).
public struct DataStructureUsage: Sendable {
    /// The id that datasets give as their `structureRef`.
    public var structureID: String
    /// The dataflow, DSD or provision agreement the structure names.
    public var reference: ArtefactReference
    /// The `dimensionAtObservation`: `TIME_PERIOD`, another dimension, or `AllDimensions` for flat data; nil when not
    /// stated.
    public var dimensionAtObservation: String?
    /// `explicitMeasures="true"`: with a measure dimension at the observation level, each `Obs` names
    /// its measure by its type (`xsi:type="demo:TFRNSI"`), the value of that dimension.
    public var explicitMeasures = false

    /// Makes a usage; ``explicitMeasures`` is set afterwards when the header says so.
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
    /// The dataset-level attribute values; empty for SDMX-CSV, whose values all come with each observation.
    public var values: [ComponentValue]
    /// Where the dataset starts, for findings about the dataset as a whole.
    public var position: DataPosition
    /// SDMX-CSV allows columns of its own beside the components: they get a warning, not an error.
    public var unknownComponentsAreCustom = false
    /// Country CSV: these components' values went through a profile's label mapping, so a value
    /// that is not a code is a label the profile does not map.
    public var labelMapping: LabelMapping?
    /// The dataset's `structureRef` when it matched no `Structure` of the header.
    public var dangling: DanglingStructureRef?

    /// Makes the start of a dataset; the optional parts are set afterwards by the readers that have them.
    public init(structure: ArtefactReference?, action: String?, values: [ComponentValue], position: DataPosition) {
        self.structure = structure
        self.action = action
        self.values = values
        self.position = position
    }
}

/// Which components a country-CSV profile maps labels for, and the profile's file.
public struct LabelMapping: Sendable {
    /// The profile's file, as the user gave it, for the findings that name it.
    public var profile: String
    /// The ids of the components whose values the profile maps from labels to codes.
    public var components: Set<String>

    /// Makes a label mapping.
    public init(profile: String, components: Set<String>) {
        self.profile = profile
        self.components = components
    }
}
