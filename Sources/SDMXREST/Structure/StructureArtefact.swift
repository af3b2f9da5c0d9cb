import SDMXModel

/// One maintainable artefact of the catalog, of any kind the service serves.
public enum StructureArtefact: Sendable, Hashable {
    /// An agency scheme.
    case agencyScheme(AgencyScheme)
    /// A code list.
    case codelist(Codelist)
    /// A concept scheme.
    case conceptScheme(ConceptScheme)
    /// A data structure definition (DSD).
    case dataStructure(DataStructure)
    /// A dataflow.
    case dataflow(Dataflow)
    /// A content constraint (a data constraint in 2.x terms).
    case constraint(ContentConstraint)
    /// A VTL ruleset scheme.
    case rulesetScheme(RulesetScheme)

    /// The identification, names and annotations every maintainable artefact has, whatever its kind.
    public var info: MaintainableInfo {
        switch self {
        case .agencyScheme(let scheme): scheme.info
        case .codelist(let codelist): codelist.info
        case .conceptScheme(let scheme): scheme.info
        case .dataStructure(let structure): structure.info
        case .dataflow(let flow): flow.info
        case .constraint(let constraint): constraint.info
        case .rulesetScheme(let scheme): scheme.info
        }
    }

    /// The artefact's kind, agency, id and version.
    public var reference: ArtefactReference { info.reference }

    /// The artefact's kind, with content and data constraints as one.
    public var kind: ArtefactKind {
        switch self {
        case .agencyScheme: .agencyScheme
        case .codelist: .codelist
        case .conceptScheme: .conceptScheme
        case .dataStructure: .dataStructure
        case .dataflow: .dataflow
        case .constraint: .contentConstraint
        case .rulesetScheme: .rulesetScheme
        }
    }

    /// Its identity across kinds.
    var node: ArtefactNode { ArtefactNode(kind: kind, key: ArtefactKey(reference)) }

    /// Whether it holds items, which `itemID` and `referencepartial` can cut.
    public var isItemScheme: Bool {
        switch self {
        case .agencyScheme, .codelist, .conceptScheme, .rulesetScheme: true
        case .dataStructure, .dataflow, .constraint: false
        }
    }
}

/// An artefact's identity across kinds: its kind (constraints as one) and agency, id and version.
struct ArtefactNode: Hashable, Sendable, Comparable {
    var kind: ArtefactKind
    var key: ArtefactKey

    /// The order of SDMX-ML 2.1's `Structures`: organisation schemes, dataflows, code lists, concepts,
    /// data structures, constraints, rulesets.
    static let kindOrder: [ArtefactKind] = [
        .agencyScheme, .dataflow, .codelist, .conceptScheme, .dataStructure, .contentConstraint, .rulesetScheme,
    ]

    static func < (lhs: ArtefactNode, rhs: ArtefactNode) -> Bool {
        let left = kindOrder.firstIndex(of: lhs.kind) ?? kindOrder.count
        let right = kindOrder.firstIndex(of: rhs.kind) ?? kindOrder.count
        if left != right { return left < right }
        if lhs.key.agencyID != rhs.key.agencyID { return lhs.key.agencyID < rhs.key.agencyID }
        if lhs.key.id != rhs.key.id { return lhs.key.id < rhs.key.id }
        return VersionOrder.isEarlier(lhs.key.version, than: rhs.key.version)
    }
}
