/// The classes of maintainable SDMX artefacts, named as SDMX URNs and `Ref class="…"` name them.
public enum ArtefactKind: String, Sendable, Hashable, CaseIterable {
    /// An agency scheme: the organisations that maintain artefacts.
    case agencyScheme = "AgencyScheme"
    /// A code list.
    case codelist = "Codelist"
    /// A concept scheme.
    case conceptScheme = "ConceptScheme"
    /// A data structure definition (DSD).
    case dataStructure = "DataStructure"
    /// A dataflow.
    case dataflow = "Dataflow"
    /// An SDMX 2.1 content constraint.
    case contentConstraint = "ContentConstraint"
    /// An SDMX 3.0 data constraint (the successor of the content constraint).
    case dataConstraint = "DataConstraint"
    /// A provision agreement: who provides which dataflow; data headers may name one as their structure usage.
    case provisionAgreement = "ProvisionAgreement"
    /// A VTL ruleset scheme.
    case rulesetScheme = "RulesetScheme"
    /// A hierarchical code list (read past, not modelled).
    case hierarchicalCodelist = "HierarchicalCodelist"
    /// A category scheme (read past, not modelled).
    case categoryScheme = "CategoryScheme"
    /// Any other class, for references the toolkit does not model.
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
