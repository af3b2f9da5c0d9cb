import SDMXModel

/// Every artefact of a catalog with the references between them, both ways: what each uses (its
/// children) and what uses it (its parents), as the REST `references` parameter walks them.
struct ArtefactGraph: Sendable {
    private(set) var artefacts: [ArtefactNode: StructureArtefact] = [:]
    private(set) var children: [ArtefactNode: Set<ArtefactNode>] = [:]
    private(set) var parents: [ArtefactNode: Set<ArtefactNode>] = [:]
    private let catalog: StructureCatalog

    /// - Parameter agencySchemeEdges: whether every artefact uses the agency scheme defining its agency
    ///   (2.x lists the agency scheme among every artefact's references; 1.5 only for VTL schemes).
    init(catalog: StructureCatalog, agencySchemeEdges: Bool) {
        self.catalog = catalog
        var all: [StructureArtefact] = []
        all += catalog.agencySchemes.values.map(StructureArtefact.agencyScheme)
        all += catalog.codelists.values.map(StructureArtefact.codelist)
        all += catalog.conceptSchemes.values.map(StructureArtefact.conceptScheme)
        all += catalog.dataStructures.values.map(StructureArtefact.dataStructure)
        all += catalog.dataflows.values.map(StructureArtefact.dataflow)
        all += catalog.constraints.values.map(StructureArtefact.constraint)
        all += catalog.rulesetSchemes.values.map(StructureArtefact.rulesetScheme)
        for artefact in all { artefacts[artefact.node] = artefact }
        for artefact in all {
            var uses = references(of: artefact)
            if agencySchemeEdges || artefact.kind == .rulesetScheme, artefact.kind != .agencyScheme {
                uses.formUnion(agencySchemes(defining: artefact.reference.agencyID))
            }
            uses.remove(artefact.node)
            children[artefact.node] = uses
            for used in uses { parents[used, default: []].insert(artefact.node) }
        }
    }

    // MARK: Walks

    func children(of nodes: Set<ArtefactNode>) -> Set<ArtefactNode> {
        nodes.reduce(into: []) { $0.formUnion(children[$1] ?? []) }
    }

    func parents(of nodes: Set<ArtefactNode>) -> Set<ArtefactNode> {
        nodes.reduce(into: []) { $0.formUnion(parents[$1] ?? []) }
    }

    /// Everything reachable by repeated steps, excluding the start unless a cycle leads back to it.
    func closure(from nodes: Set<ArtefactNode>, step: (Set<ArtefactNode>) -> Set<ArtefactNode>) -> Set<ArtefactNode> {
        var found = Set<ArtefactNode>()
        var frontier = step(nodes)
        while !frontier.isEmpty {
            let new = frontier.subtracting(found)
            found.formUnion(new)
            frontier = step(new)
        }
        return found
    }

    // MARK: Edges

    /// The artefacts an artefact names, as found in the catalog (references to what is not loaded are skipped).
    private func references(of artefact: StructureArtefact) -> Set<ArtefactNode> {
        switch artefact {
        case .dataflow(let flow):
            return Set(
                [flow.structure.flatMap { catalog.dataStructure($0) }.map { StructureArtefact.dataStructure($0).node }]
                    .compactMap { $0 })
        case .dataStructure(let structure):
            return Set(components(of: structure).flatMap(uses(of:)))
        case .conceptScheme(let scheme):
            return Set(scheme.concepts.compactMap { $0.coreRepresentation?.enumeration }.compactMap(node(for:)))
        case .constraint(let constraint):
            return Set(constraint.attachments.compactMap(node(for:)))
        case .agencyScheme, .codelist, .rulesetScheme:
            return []
        }
    }

    /// Every component of a DSD: dimensions, time, measures and attributes.
    func components(of structure: DataStructure) -> [Component] {
        structure.dimensions.map(\.component) + [structure.timeDimension].compactMap { $0 } + structure.measures
            + structure.attributes.map(\.component)
    }

    /// The concept scheme a component's concept comes from and the code list it takes its values from
    /// (its own, or its concept's when it gives none).
    private func uses(of component: Component) -> [ArtefactNode] {
        var found: [ArtefactNode] = []
        if let concept = component.conceptIdentity, let node = node(for: concept.parent) { found.append(node) }
        if let enumeration = enumeration(of: component), let node = node(for: enumeration) { found.append(node) }
        return found
    }

    /// The code list (or concept scheme, for a 2.1 measure dimension) a component's values come from.
    func enumeration(of component: Component) -> ArtefactReference? {
        if let local = component.localRepresentation?.enumeration { return local }
        guard let identity = component.conceptIdentity else { return nil }
        return catalog.conceptScheme(identity.parent)?.concept(identity.itemID)?.coreRepresentation?.enumeration
    }

    /// The node a reference resolves to in the catalog, latest version when it names none.
    func node(for reference: ArtefactReference) -> ArtefactNode? {
        let artefact: StructureArtefact? =
            switch reference.kind {
            case .codelist: catalog.codelist(reference).map(StructureArtefact.codelist)
            case .conceptScheme: catalog.conceptScheme(reference).map(StructureArtefact.conceptScheme)
            case .dataStructure: catalog.dataStructure(reference).map(StructureArtefact.dataStructure)
            case .dataflow: catalog.dataflow(reference).map(StructureArtefact.dataflow)
            case .rulesetScheme: catalog.rulesetScheme(reference).map(StructureArtefact.rulesetScheme)
            case .agencyScheme:
                catalog.agencySchemes[ArtefactKey(reference)].map(StructureArtefact.agencyScheme)
            case .contentConstraint, .dataConstraint:
                catalog.constraints[ArtefactKey(reference)].map(StructureArtefact.constraint)
            default: nil
            }
        return artefact?.node
    }

    /// The agency schemes listing an agency (`IDAC`; for a nested `A.B`, the scheme of agency `A` listing `B`).
    func agencySchemes(defining agencyID: String) -> Set<ArtefactNode> {
        let parts = agencyID.split(separator: ".")
        guard let last = parts.last else { return [] }
        let owner = parts.count > 1 ? parts.dropLast().joined(separator: ".") : nil
        return Set(
            catalog.agencySchemes.values
                .filter { scheme in
                    (owner == nil || scheme.info.reference.agencyID == owner)
                        && scheme.agencies.contains { $0.id == last }
                }
                .map { StructureArtefact.agencyScheme($0).node })
    }
}
