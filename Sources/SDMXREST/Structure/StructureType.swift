import SDMXModel

/// The artefact type a structure query names (`/dataflow/…` in 1.5, `/structure/dataflow/…` in 2.x), reduced
/// to the kinds the catalog models. Types the specifications define but the service does not model are refused
/// with 501 when parsed, so a query never silently answers "nothing" for a type it cannot hold.
public enum StructureType: Sendable, Hashable, CustomStringConvertible {
    /// 1.5's `structure`, 2.x's `*`: any type.
    case any
    /// Agency schemes (1.5's `organisationscheme` too: the only organisation scheme the catalog holds).
    case agencyScheme
    /// Code lists.
    case codelist
    /// Concept schemes.
    case conceptScheme
    /// Data structure definitions (DSDs).
    case dataStructure
    /// Dataflows.
    case dataflow
    /// Content (1.5) or data (2.x) constraints; `type` narrows 1.5's `actualconstraint`/`allowedconstraint`.
    case constraint(type: ContentConstraint.ConstraintType?)
    /// VTL ruleset schemes.
    case rulesetScheme

    /// The name used in messages (the 1.5 resource name).
    public var description: String {
        switch self {
        case .any: "structure"
        case .agencyScheme: "agencyscheme"
        case .codelist: "codelist"
        case .conceptScheme: "conceptscheme"
        case .dataStructure: "datastructure"
        case .dataflow: "dataflow"
        case .constraint(.actual?): "actualconstraint"
        case .constraint(.allowed?): "allowedconstraint"
        case .constraint(nil): "contentconstraint"
        case .rulesetScheme: "rulesetscheme"
        }
    }

    /// Whether an artefact of this kind is selected by the type.
    func matches(_ kind: ArtefactKind) -> Bool {
        switch self {
        case .any: true
        case .agencyScheme: kind == .agencyScheme
        case .codelist: kind == .codelist
        case .conceptScheme: kind == .conceptScheme
        case .dataStructure: kind == .dataStructure
        case .dataflow: kind == .dataflow
        case .constraint: kind == .contentConstraint || kind == .dataConstraint
        case .rulesetScheme: kind == .rulesetScheme
        }
    }

    /// Whether the type is an item scheme, so that an item id may follow the version.
    var isItemScheme: Bool {
        switch self {
        case .any, .agencyScheme, .codelist, .conceptScheme, .rulesetScheme: true
        case .dataStructure, .dataflow, .constraint: false
        }
    }

    /// Parses a path's type segment. Throws 400 for a name neither API defines and 501 for one it
    /// defines that the service does not model; `part` names the segment in the message.
    static func parse(_ text: String, api: APIVersion, part: String) throws -> StructureType {
        let name = text.lowercased()
        if let type = (api == .v1 ? v1Names : v2Names)[name] { return type }
        if (api == .v1 ? v1Unmodelled : v2Unmodelled).contains(name) {
            throw RESTError.notImplemented("\(part) \"\(text)\" is not served: the service holds only \(served(api))")
        }
        throw RESTError.syntax("\(part) \"\(text)\" is not an SDMX REST \(api.label) structure type")
    }

    /// The path segment that names artefacts of this kind (`dataflow`, `codelist`…), for the URLs of stubs.
    public static func pathName(of kind: ArtefactKind) -> String {
        switch kind {
        case .agencyScheme: "agencyscheme"
        case .codelist: "codelist"
        case .conceptScheme: "conceptscheme"
        case .dataStructure: "datastructure"
        case .dataflow: "dataflow"
        case .contentConstraint, .dataConstraint: "contentconstraint"
        case .rulesetScheme: "rulesetscheme"
        case .provisionAgreement: "provisionagreement"
        case .hierarchicalCodelist: "hierarchicalcodelist"
        case .categoryScheme: "categoryscheme"
        case .other: "structure"
        }
    }

    /// The types the service answers for, in words, for messages.
    static func served(_ api: APIVersion) -> String {
        (api == .v1 ? v1Names : v2Names).keys.sorted().joined(separator: ", ")
    }

    private static let common: [String: StructureType] = [
        "agencyscheme": .agencyScheme, "codelist": .codelist, "conceptscheme": .conceptScheme,
        "datastructure": .dataStructure, "dataflow": .dataflow, "rulesetscheme": .rulesetScheme,
    ]

    private static let v1Names: [String: StructureType] = common.merging([
        "structure": .any, "organisationscheme": .agencyScheme, "contentconstraint": .constraint(type: nil),
        "actualconstraint": .constraint(type: .actual), "allowedconstraint": .constraint(type: .allowed),
    ]) { first, _ in first }

    private static let v2Names: [String: StructureType] = common.merging([
        "*": .any, "dataconstraint": .constraint(type: nil),
    ]) { first, _ in first }

    private static let v1Unmodelled: Set<String> = [
        "metadatastructure", "categoryscheme", "hierarchicalcodelist", "dataproviderscheme", "dataconsumerscheme",
        "organisationunitscheme", "metadataflow", "reportingtaxonomy", "provisionagreement", "structureset",
        "process", "categorisation", "attachmentconstraint", "transformationscheme", "userdefinedoperatorscheme",
        "customtypescheme", "namepersonalisationscheme", "vtlmappingscheme",
    ]

    private static let v2Unmodelled: Set<String> = [
        "metadatastructure", "metadataflow", "provisionagreement", "process", "categorisation",
        "metadataconstraint", "categoryscheme", "hierarchy", "hierarchyassociation", "dataproviderscheme",
        "dataconsumerscheme", "organisationunitscheme", "transformationscheme", "userdefinedoperatorscheme",
        "customtypescheme", "namepersonalisationscheme", "vtlmappingscheme", "valuelist", "structuremap",
        "representationmap", "conceptschememap", "categoryschememap", "organisationschememap",
        "reportingtaxonomymap", "metadataproviderscheme", "reportingtaxonomy", "metadataprovisionagreement",
    ]
}

extension APIVersion {
    /// "1.5" or "2.x", for messages.
    var label: String { self == .v1 ? "1.5" : "2.x" }
}
