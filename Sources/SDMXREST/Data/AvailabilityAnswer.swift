import AllianceRepository
import Foundation
import SDMXModel

/// The answer to an availability query (1.5 `availableconstraint`, 2.x `availability`): one Actual content
/// constraint attached to the dataflow, whose cube region lists for each dimension the values the repository
/// holds for the query, with the time range of its periods and, as the 2.x specification's metrics, the
/// `obs_count` and `series_count` annotations (type `sdmx_metrics`, the count as title); then the structures
/// `references` asks for, code lists cut to the codes available.
public struct AvailabilityAnswer: Sendable {
    /// The Actual constraint the answer is about, with the cube region and the counts.
    public let constraint: ContentConstraint
    /// The whole answer as a structure selection: the constraint (the match) and the references asked for, which
    /// the structure writers write like any structure answer.
    public let selection: StructureSelection

    /// The annotation type of the counts, as the 2.x specification names it.
    public static let metricsType = "sdmx_metrics"

    /// - Throws: ``RESTError/syntax(_:)`` for a `references` value neither API defines.
    public init(
        resolved: ResolvedDataQuery, availability: DataAvailability, catalog: StructureCatalog
    ) throws {
        let query = resolved.query
        let references = try Self.references(query.references, api: query.api)
        constraint = Self.constraint(for: resolved, availability: availability)
        let graph = ArtefactGraph(catalog: catalog, agencySchemeEdges: query.api == .v2)
        let structure = resolved.structure
        let attachment = structure.dataflow?.reference ?? structure.dataStructure.reference
        var related = Set<ArtefactNode>()
        if let node = graph.node(for: attachment) {
            let descendants = graph.closure(from: [node], step: graph.children(of:)).union([node])
            for reference in references {
                switch reference {
                case .none, .parents, .parentsAndSiblings, .ancestors: break
                case .children: related.insert(node)
                case .descendants, .all: related.formUnion(descendants)
                case .type(let type): related.formUnion(descendants.filter { type.kinds.contains($0.kind) })
                }
            }
        }
        let available = Self.availableCodes(resolved: resolved, availability: availability, graph: graph)
        var artefacts: [SelectedArtefact] = []
        for node in related.sorted() {
            guard let artefact = graph.artefacts[node] else { continue }
            if case .codelist(let codelist) = artefact, let kept = available[node] {
                var codes = kept
                var frontier = Array(kept)
                while let id = frontier.popLast() {
                    guard let parent = codelist.code(id)?.parentID, codes.insert(parent).inserted else { continue }
                    frontier.append(parent)
                }
                if codes.count < codelist.codes.count {
                    let cut = Codelist(info: codelist.info, codes: codelist.codes.filter { codes.contains($0.id) })
                    artefacts.append(SelectedArtefact(artefact: .codelist(cut), presentation: .partial, isMatch: false))
                    continue
                }
            }
            artefacts.append(SelectedArtefact(artefact: artefact, presentation: .full, isMatch: false))
        }
        // Constraints come after code lists, concept schemes and DSDs, before rulesets (none here).
        artefacts.append(SelectedArtefact(artefact: .constraint(constraint), presentation: .full, isMatch: true))
        let structureQuery = StructureQuery(
            api: query.api, type: .constraint(type: .actual), agencies: [constraint.reference.agencyID],
            ids: [constraint.reference.id], references: references)
        selection = StructureSelection(query: structureQuery, artefacts: artefacts)
    }

    /// `references`: absent is none; 2.x may list several, joined by `,`.
    static func references(_ text: String?, api: APIVersion) throws -> [StructureReferences] {
        guard let text else { return [.none] }
        let values = api == .v2 ? text.split(separator: ",").map(String.init) : [text]
        return try values.map { try StructureReferences.parse($0, api: api) }
    }

    /// The constraint: one cube region over the dimensions asked about (all by default) and the time range.
    static func constraint(for resolved: ResolvedDataQuery, availability: DataAvailability) -> ContentConstraint {
        let structure = resolved.structure
        let attachment = structure.dataflow?.reference ?? structure.dataStructure.reference
        let dimensions = structure.dimensionIndices.map { structure.components[$0].id }
        var keyValues: [MemberSelection] = []
        for position in resolved.componentPositions where position < availability.values.count {
            let values = availability.values[position]
            guard !values.isEmpty, position < dimensions.count else { continue }
            keyValues.append(MemberSelection(componentID: dimensions[position], values: values))
        }
        if resolved.query.componentIDs.isEmpty, let time = structure.timeIndex, let range = availability.timeRange {
            // From the start of the earliest period to the last second of the latest, as .Stat writes it.
            keyValues.append(
                MemberSelection(
                    componentID: structure.components[time].id, values: [],
                    timeRange: TimeRangeSelection(
                        start: timestamp(range.start), startInclusive: true,
                        end: timestamp(range.end - 1), endInclusive: true)))
        }
        let reference = ArtefactReference(
            kind: .contentConstraint, agencyID: attachment.agencyID, id: attachment.id + "_AVAILABILITY",
            version: "1.0")
        return ContentConstraint(
            info: MaintainableInfo(
                reference: reference, name: "Data available for \(attachment.id) in the repository", isFinal: false),
            type: .actual, attachments: [attachment],
            cubeRegions: [CubeRegion(isIncluded: true, keyValues: keyValues, attributeValues: [])], dataKeySets: [],
            annotations: [
                Annotation(id: "obs_count", type: metricsType, title: String(availability.observationCount)),
                Annotation(id: "series_count", type: metricsType, title: String(availability.seriesCount)),
            ])
    }

    /// For each code list only dimensions of the cube region use, the codes the region lists; a code list
    /// another component (or a dimension left out of the region) uses too is written whole.
    private static func availableCodes(
        resolved: ResolvedDataQuery, availability: DataAvailability, graph: ArtefactGraph
    ) -> [ArtefactNode: Set<String>] {
        let structure = resolved.structure
        let listed = Set(resolved.componentPositions)
        var uses: [ArtefactNode: [Set<String>?]] = [:]
        for (index, component) in structure.components.enumerated() {
            guard let reference = component.codelist?.reference, let node = graph.node(for: reference) else { continue }
            if let position = structure.dimensionIndices.firstIndex(of: index), listed.contains(position),
                position < availability.values.count
            {
                uses[node, default: []].append(Set(availability.values[position]))
            } else {
                uses[node, default: []].append(nil)
            }
        }
        var codes: [ArtefactNode: Set<String>] = [:]
        for (node, sets) in uses where !sets.contains(where: { $0 == nil }) {
            codes[node] = sets.reduce(into: Set<String>()) { $0.formUnion($1 ?? []) }
        }
        return codes
    }

    private static func timestamp(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
