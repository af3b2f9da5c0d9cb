import SDMXModel

/// Cuts the referenced item schemes of a `detail=referencepartial` answer to what the matched artefacts
/// use: code lists to the codes the matched dataflows' (or DSDs') allowed constraints allow, concept schemes
/// to the concepts the answer's DSDs use, agency schemes to the agencies maintaining the answer's artefacts.
/// A scheme nothing narrows is written whole.
struct PartialReferences {
    /// For each code list, what each component using it (in a matched dataflow's or DSD's structure) allows;
    /// a `nil` entry is a component no constraint restricts.
    private var codelistUses: [ArtefactNode: [ConstrainedValues?]] = [:]
    private var conceptsUsed: [ArtefactNode: Set<String>] = [:]
    private var agencies: Set<String> = []

    init(matched: Set<ArtefactNode>, answer: Set<ArtefactNode>, graph: ArtefactGraph, catalog: StructureCatalog) {
        for node in matched {
            var constraints: [ContentConstraint] = []
            let structure: DataStructure?
            switch graph.artefacts[node] {
            case .dataflow(let flow)?:
                structure = flow.structure.flatMap { catalog.dataStructure($0) }
                constraints = catalog.constraints(attachedTo: flow.reference)
            case .dataStructure(let dsd)?:
                structure = dsd
            default:
                structure = nil
            }
            guard let structure else { continue }
            constraints += catalog.constraints(attachedTo: structure.reference)
            for component in graph.components(of: structure) {
                guard let enumeration = graph.enumeration(of: component), let list = graph.node(for: enumeration),
                    list.kind == .codelist
                else { continue }
                codelistUses[list, default: []].append(ConstrainedValues.allowed(for: component.id, by: constraints))
            }
        }
        for node in answer {
            agencies.insert(node.key.agencyID)
            guard case .dataStructure(let structure)? = graph.artefacts[node] else { continue }
            for component in graph.components(of: structure) {
                guard let concept = component.conceptIdentity, let scheme = graph.node(for: concept.parent) else {
                    continue
                }
                conceptsUsed[scheme, default: []].insert(concept.itemID)
            }
        }
    }

    /// The artefact cut to what the answer uses; `nil` when nothing narrows it (write it whole).
    func cut(_ artefact: StructureArtefact) -> StructureArtefact? {
        switch artefact {
        case .codelist(let codelist):
            guard let uses = codelistUses[artefact.node], !uses.isEmpty else { return nil }
            var kept = Set<String>()
            for use in uses {
                guard let use else { return nil }
                kept.formUnion(use.codes(of: codelist))
            }
            let codes = codelist.codes.filter { kept.contains($0.id) }
            return codes.count == codelist.codes.count ? nil : .codelist(Codelist(info: codelist.info, codes: codes))
        case .conceptScheme(let scheme):
            guard var kept = conceptsUsed[artefact.node] else { return nil }
            var frontier = Array(kept)
            while let id = frontier.popLast() {
                if let parent = scheme.concept(id)?.parentID, kept.insert(parent).inserted { frontier.append(parent) }
            }
            let concepts = scheme.concepts.filter { kept.contains($0.id) }
            return concepts.count == scheme.concepts.count
                ? nil : .conceptScheme(ConceptScheme(info: scheme.info, concepts: concepts))
        case .agencyScheme(let scheme):
            let kept = scheme.agencies.filter { agencies.contains($0.id) }
            return kept.isEmpty || kept.count == scheme.agencies.count
                ? nil : .agencyScheme(AgencyScheme(info: scheme.info, agencies: kept))
        case .dataStructure, .dataflow, .constraint, .rulesetScheme:
            return nil
        }
    }
}
