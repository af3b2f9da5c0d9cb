import SDMXModel

/// What a structure query's `references` parameter asks for beside the matched artefacts.
public enum StructureReferences: Sendable, Hashable {
    /// Only the matched artefacts (the default).
    case none
    /// The artefacts that use a matched one (a DSD's dataflows, a dataflow's constraints).
    case parents
    /// The parents, and what the parents use.
    case parentsAndSiblings
    /// 2.x: parents of parents, up to any level.
    case ancestors
    /// What a matched artefact uses (a dataflow's DSD; a DSD's code lists and concept schemes).
    case children
    /// Children of children, up to any level.
    case descendants
    /// Parents and siblings, and descendants.
    case all
    /// Only artefacts of this kind, among every artefact related up or down (`references=codelist`).
    case type(ArtefactTypeName)

    /// Parses one value (any case). Throws 400 naming the value when neither API defines it.
    static func parse(_ text: String, api: APIVersion) throws -> StructureReferences {
        switch text.lowercased() {
        case "none": return .none
        case "parents": return .parents
        case "parentsandsiblings": return .parentsAndSiblings
        case "ancestors" where api == .v2: return .ancestors
        case "children": return .children
        case "descendants": return .descendants
        case "all": return .all
        default:
            guard let type = ArtefactTypeName(text.lowercased()) else {
                throw RESTError.syntax(
                    "references \"\(text)\" is not one of none, parents, parentsandsiblings, "
                        + (api == .v2 ? "ancestors, " : "") + "children, descendants, all or an artefact type")
            }
            return .type(type)
        }
    }
}

/// An artefact type named in `references=`: any type either API defines, so that `references=categorisation`
/// is a valid query that finds nothing here rather than an error.
public struct ArtefactTypeName: Sendable, Hashable {
    /// The kinds of the catalog the name covers; empty for a type the catalog does not model.
    public var kinds: Set<ArtefactKind>
    /// The type's name as the query wrote it, lowercased.
    public var name: String

    init?(_ name: String) {
        switch name {
        case "agencyscheme", "organisationscheme": kinds = [.agencyScheme]
        case "codelist": kinds = [.codelist]
        case "conceptscheme": kinds = [.conceptScheme]
        case "datastructure": kinds = [.dataStructure]
        case "dataflow": kinds = [.dataflow]
        case "contentconstraint", "dataconstraint", "actualconstraint", "allowedconstraint":
            kinds = [.contentConstraint, .dataConstraint]
        case "rulesetscheme": kinds = [.rulesetScheme]
        case "metadatastructure", "categoryscheme", "hierarchicalcodelist", "hierarchy", "hierarchyassociation",
            "dataproviderscheme", "dataconsumerscheme", "organisationunitscheme", "metadataflow",
            "reportingtaxonomy", "provisionagreement", "metadataprovisionagreement", "structureset", "process",
            "categorisation", "attachmentconstraint", "metadataconstraint", "transformationscheme",
            "userdefinedoperatorscheme", "customtypescheme", "namepersonalisationscheme", "namealiasscheme",
            "vtlmappingscheme", "valuelist", "structuremap", "representationmap", "conceptschememap",
            "categoryschememap", "organisationschememap", "reportingtaxonomymap", "metadataproviderscheme":
            kinds = []
        default: return nil
        }
        self.name = name
    }
}
