/// The artefacts of one structure message (file), as read.
public struct StructureMessage: Sendable {
    /// The file (or embedded resource) the message was read from, for messages about it.
    public var source: String
    /// The agency schemes the message defines, in the order written; the same holds for the lists below.
    public var agencySchemes: [AgencyScheme] = []
    /// The code lists the message defines.
    public var codelists: [Codelist] = []
    /// The concept schemes the message defines.
    public var conceptSchemes: [ConceptScheme] = []
    /// The data structure definitions (DSDs) the message defines.
    public var dataStructures: [DataStructure] = []
    /// The dataflows the message defines.
    public var dataflows: [Dataflow] = []
    /// The content constraints (and SDMX 3.0 data constraints) the message defines.
    public var constraints: [ContentConstraint] = []
    /// The VTL ruleset schemes the message defines.
    public var rulesetSchemes: [RulesetScheme] = []
    /// Maintainable artefacts read past without being modelled, kept to be listed and counted.
    public var others: [OtherArtefact] = []

    /// Makes an empty message for `source`; the reader appends the artefacts as it meets them.
    public init(source: String) {
        self.source = source
    }

    /// Number of maintainable artefacts of every kind.
    public var artefactCount: Int {
        agencySchemes.count + codelists.count + conceptSchemes.count + dataStructures.count
            + dataflows.count + constraints.count + rulesetSchemes.count + others.count
    }
}
