/// The classes of maintainable SDMX artefacts, named as SDMX URNs and `Ref class="…"` name them.
public enum ArtefactKind: String, Sendable, Hashable, CaseIterable {
    case agencyScheme = "AgencyScheme"
    case codelist = "Codelist"
    case conceptScheme = "ConceptScheme"
    case dataStructure = "DataStructure"
    case dataflow = "Dataflow"
    case contentConstraint = "ContentConstraint"
    case dataConstraint = "DataConstraint"
    case provisionAgreement = "ProvisionAgreement"
    case rulesetScheme = "RulesetScheme"
    case hierarchicalCodelist = "HierarchicalCodelist"
    case categoryScheme = "CategoryScheme"
    case other = "Other"

    /// The URN package an artefact of this kind lives in (`urn:sdmx:org.sdmx.infomodel.<package>.<Class>=`).
    public var urnPackage: String {
        switch self {
        case .agencyScheme: "base"
        case .codelist, .hierarchicalCodelist: "codelist"
        case .conceptScheme: "conceptscheme"
        case .dataStructure, .dataflow: "datastructure"
        case .contentConstraint, .dataConstraint, .provisionAgreement: "registry"
        case .rulesetScheme: "transformation"
        case .categoryScheme: "categoryscheme"
        case .other: "base"
        }
    }

    /// Words for messages: "code list", "data structure definition".
    public var displayName: String {
        switch self {
        case .agencyScheme: "agency scheme"
        case .codelist: "code list"
        case .conceptScheme: "concept scheme"
        case .dataStructure: "data structure definition"
        case .dataflow: "dataflow"
        case .contentConstraint: "content constraint"
        case .dataConstraint: "data constraint"
        case .provisionAgreement: "provision agreement"
        case .rulesetScheme: "ruleset scheme"
        case .hierarchicalCodelist: "hierarchical code list"
        case .categoryScheme: "category scheme"
        case .other: "artefact"
        }
    }
}
