import SDMXModel

/// The answer to a structure query: the artefacts the path matches, then the references the query asks
/// for, each marked with how much of it to write. Built against the catalog once per request; writers
/// only read it.
public struct StructureSelection: Sendable {
    /// The query the selection answers.
    public let query: StructureQuery
    /// Every artefact of the answer, matched ones and references, in SDMX-ML 2.1's `Structures` order
    /// (agency schemes, dataflows, code lists, concept schemes, DSDs, constraints, rulesets), then by
    /// agency, id and version.
    public let artefacts: [SelectedArtefact]

    /// Runs the query against the catalog.
    ///
    /// - Throws: ``RESTError/noResults(_:)`` when nothing matches the path (or no item of the matched
    ///   schemes matches the itemID).
    public init(query: StructureQuery, catalog: StructureCatalog) throws {
        self.query = query
        let graph = ArtefactGraph(catalog: catalog, agencySchemeEdges: query.api == .v2)
        var matched = Self.match(query, in: graph)
        var cut: [ArtefactNode: StructureArtefact] = [:]
        if let items = query.itemIDs {
            for node in matched {
                guard let artefact = graph.artefacts[node], let kept = Self.items(items, of: artefact) else {
                    matched.remove(node)
                    continue
                }
                cut[node] = kept
            }
        }
        guard !matched.isEmpty else { throw RESTError.noResults("no \(Self.describe(query)) is among the structures") }
        let related = Self.related(to: matched, by: query.references, in: graph).subtracting(matched)
        let everything = matched.union(related)
        let partial =
            query.detail == .referencePartial
            ? PartialReferences(matched: matched, answer: everything, graph: graph, catalog: catalog) : nil
        var answer: [SelectedArtefact] = []
        for node in everything.sorted() {
            guard let artefact = graph.artefacts[node] else { continue }
            let isMatch = matched.contains(node)
            if isMatch, let kept = cut[node], query.detail != .allStubs, query.detail != .allCompleteStubs {
                answer.append(SelectedArtefact(artefact: kept, presentation: .partial, isMatch: true))
                continue
            }
            switch (query.detail, isMatch) {
            case (.allStubs, _), (.referenceStubs, false):
                answer.append(SelectedArtefact(artefact: artefact, presentation: .stub, isMatch: isMatch))
            case (.allCompleteStubs, _), (.referenceCompleteStubs, false):
                answer.append(SelectedArtefact(artefact: artefact, presentation: .completeStub, isMatch: isMatch))
            case (.referencePartial, false):
                if let kept = partial?.cut(artefact) {
                    answer.append(SelectedArtefact(artefact: kept, presentation: .partial, isMatch: false))
                } else {
                    answer.append(SelectedArtefact(artefact: artefact, presentation: .full, isMatch: false))
                }
            default:
                answer.append(SelectedArtefact(artefact: artefact, presentation: .full, isMatch: isMatch))
            }
        }
        self.artefacts = answer
    }

    /// An answer put together elsewhere (an availability query's constraint and its references).
    init(query: StructureQuery, artefacts: [SelectedArtefact]) {
        self.query = query
        self.artefacts = artefacts
    }

    // MARK: Matching the path

    private static func match(_ query: StructureQuery, in graph: ArtefactGraph) -> Set<ArtefactNode> {
        let agencies = query.agencies.map(Set.init)
        let ids = query.ids.map(Set.init)
        var candidates: [String: [StructureArtefact]] = [:]
        for artefact in graph.artefacts.values where query.type.matches(artefact.kind) {
            if case .constraint(let type?) = query.type, case .constraint(let constraint) = artefact,
                constraint.type != type
            {
                continue
            }
            if query.itemIDs != nil && !artefact.isItemScheme { continue }
            let reference = artefact.reference
            guard agencies?.contains(reference.agencyID) ?? true, ids?.contains(reference.id) ?? true else { continue }
            candidates["\(artefact.kind.rawValue) \(reference.agencyID) \(reference.id)", default: []].append(artefact)
        }
        var matched = Set<ArtefactNode>()
        for versions in candidates.values {
            for selector in query.versions {
                let admitted = versions.filter { selector.admits($0.reference.version ?? "1.0") }
                switch selector.op {
                case .all?, nil:
                    matched.formUnion(admitted.map(\.node))
                case .latest?, .latestStable?:
                    if let latest = admitted.max(by: { isEarlier($0.reference.version, $1.reference.version) }) {
                        matched.insert(latest.node)
                    }
                }
            }
        }
        return matched
    }

    /// Semantic order where both versions parse (`1.0.0-draft` before `1.0.0`), numeric order otherwise.
    private static func isEarlier(_ lhs: String?, _ rhs: String?) -> Bool {
        let left = lhs ?? "1.0", right = rhs ?? "1.0"
        if let a = ParsedVersion(left), let b = ParsedVersion(right) {
            if a.parts != b.parts { return a < b }
            switch (a.extension, b.extension) {
            case (nil, nil): return false
            case (nil, _?): return false
            case (_?, nil): return true
            case (let x?, let y?): return x < y
            }
        }
        return VersionOrder.isEarlier(left, than: right)
    }

    /// An item scheme cut to the items asked for (and their ancestors); `nil` when none of them is there.
    private static func items(_ ids: [String], of artefact: StructureArtefact) -> StructureArtefact? {
        let wanted = Set(ids)
        switch artefact {
        case .codelist(let codelist):
            var kept = Set(codelist.codes.map(\.id)).intersection(wanted)
            guard !kept.isEmpty else { return nil }
            var frontier = Array(kept)
            while let id = frontier.popLast() {
                if let parent = codelist.code(id)?.parentID, kept.insert(parent).inserted { frontier.append(parent) }
            }
            return .codelist(Codelist(info: codelist.info, codes: codelist.codes.filter { kept.contains($0.id) }))
        case .conceptScheme(let scheme):
            let concepts = scheme.concepts.filter { wanted.contains($0.id) }
            guard !concepts.isEmpty else { return nil }
            return .conceptScheme(ConceptScheme(info: scheme.info, concepts: concepts))
        case .agencyScheme(let scheme):
            let agencies = scheme.agencies.filter { wanted.contains($0.id) }
            guard !agencies.isEmpty else { return nil }
            return .agencyScheme(AgencyScheme(info: scheme.info, agencies: agencies))
        case .rulesetScheme(var scheme):
            scheme.rulesets = scheme.rulesets.filter { wanted.contains($0.id) }
            return scheme.rulesets.isEmpty ? nil : .rulesetScheme(scheme)
        case .dataStructure, .dataflow, .constraint:
            return nil
        }
    }

    // MARK: References

    private static func related(
        to matched: Set<ArtefactNode>, by references: [StructureReferences], in graph: ArtefactGraph
    ) -> Set<ArtefactNode> {
        var found = Set<ArtefactNode>()
        for reference in references {
            switch reference {
            case .none:
                break
            case .children:
                found.formUnion(graph.children(of: matched))
            case .descendants:
                found.formUnion(graph.closure(from: matched, step: graph.children(of:)))
            case .parents:
                found.formUnion(graph.parents(of: matched))
            case .ancestors:
                found.formUnion(graph.closure(from: matched, step: graph.parents(of:)))
            case .parentsAndSiblings:
                let parents = graph.parents(of: matched)
                found.formUnion(parents.union(graph.children(of: parents)))
            case .all:
                let parents = graph.parents(of: matched)
                found.formUnion(parents.union(graph.children(of: parents)))
                found.formUnion(graph.closure(from: matched, step: graph.children(of:)))
            case .type(let type):
                let up = graph.closure(from: matched, step: graph.parents(of:))
                let down = graph.closure(from: matched, step: graph.children(of:))
                found.formUnion(up.union(down).filter { type.kinds.contains($0.kind) })
            }
        }
        return found
    }

    /// The query's path in words, for the no-results message.
    private static func describe(_ query: StructureQuery) -> String {
        let agencies = query.agencies?.joined(separator: ",") ?? "*"
        let ids = query.ids?.joined(separator: ",") ?? "*"
        let versions = query.versions.map(\.description).joined(separator: ",")
        let items = query.itemIDs.map { " with item \($0.joined(separator: ","))" } ?? ""
        return "\(query.type) \(agencies):\(ids)(\(versions))\(items)"
    }
}
