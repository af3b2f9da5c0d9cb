/// The artefacts of one structure message (file), as read.
public struct StructureMessage: Sendable {
    public var source: String
    public var agencySchemes: [AgencyScheme] = []
    public var codelists: [Codelist] = []
    public var conceptSchemes: [ConceptScheme] = []
    public var dataStructures: [DataStructure] = []
    public var dataflows: [Dataflow] = []
    public var constraints: [ContentConstraint] = []
    public var rulesetSchemes: [RulesetScheme] = []
    public var others: [OtherArtefact] = []

    public init(source: String) {
        self.source = source
    }

    /// Number of maintainable artefacts of every kind.
    public var artefactCount: Int {
        agencySchemes.count + codelists.count + conceptSchemes.count + dataStructures.count
            + dataflows.count + constraints.count + rulesetSchemes.count + others.count
    }
}
