import AllianceRepository
import SDMXModel

/// A ``DataQuery`` checked against the structures: the dataflow's structure, the repository query that
/// selects its observations (every filter that can be, pushed into SQL), and how to package the answer.
public struct ResolvedDataQuery: Sendable {
    /// Which dimension the observations are attached to (`dimensionAtObservation`).
    public enum ObservationDimension: Sendable, Equatable {
        /// The time dimension: each series holds its periods (the default when the structure has one).
        case timePeriod
        /// Another dimension, by id: the answer is grouped by the other dimensions.
        case dimension(String)
        /// `AllDimensions`: a flat list of observations, each with its whole key (the default when the
        /// structure has no time dimension).
        case allDimensions
    }

    /// The query as the client sent it.
    public let query: DataQuery
    /// The structure of the one dataflow (or DSD) the query names, with its code lists and concepts.
    public let structure: ResolvedStructure
    /// What to hand ``AllianceRepository/forEachObservation(_:_:)`` (first/last-N included), or
    /// ``AllianceRepository/availability(_:dimensions:mode:)``.
    public let observationQuery: ObservationQuery
    /// Where the answer attaches observations, checked against the structure.
    public let dimensionAtObservation: ObservationDimension
    /// The attributes to write, by id, in structure order (none for `detail=dataonly` or `serieskeysonly`).
    public let attributeIDs: [String]
    /// The measures to write, by id (none for `detail=serieskeysonly` or `nodata`, or `measures=none`).
    public let measureIDs: [String]
    /// Availability: the dimensions to list, by key position (all when the query named none).
    public let componentPositions: [Int]

    /// A query already checked; ``DataQuery`` builds it when resolving.
    public init(
        query: DataQuery, structure: ResolvedStructure, observationQuery: ObservationQuery,
        dimensionAtObservation: ObservationDimension, attributeIDs: [String], measureIDs: [String],
        componentPositions: [Int]
    ) {
        self.query = query
        self.structure = structure
        self.observationQuery = observationQuery
        self.dimensionAtObservation = dimensionAtObservation
        self.attributeIDs = attributeIDs
        self.measureIDs = measureIDs
        self.componentPositions = componentPositions
    }

    /// The observations the query selects, to `body` in key and period order as the repository streams them.
    public func forEachObservation(in repository: AllianceRepository, _ body: (StoredObservation) throws -> Void)
        throws
    {
        try repository.forEachObservation(observationQuery, body)
    }

    /// What the repository holds for the query, for an availability answer.
    public func availability(in repository: AllianceRepository) throws -> DataAvailability {
        try repository.availability(
            observationQuery, dimensions: structure.dimensionIndices.count, mode: query.mode)
    }
}

extension DataQuery {
    /// Finds the one dataflow (or DSD) the query names and checks every part against its structure.
    /// Unknown dataflow: ``RESTError/noResults(_:)``; several: ``RESTError/notImplemented(_:)``; a key, a
    /// component or a value the structure does not have: an error naming it (400 in 1.5, 422 in 2.x);
    /// conditions that can select nothing (a `c[…]` no code satisfies): ``RESTError/noResults(_:)``.
    /// A service passes its `cache`, so that each structure is resolved once for its life.
    public func resolve(in catalog: StructureCatalog, cache: ResolvedStructureCache? = nil) throws
        -> ResolvedDataQuery
    {
        let structure = try findStructure(in: catalog, cache: cache)
        let dimensions = structure.dimensionIndices.map { structure.components[$0] }
        var keys = try SeriesKeyFilter(key, api: api, structure: structure).keys
        var observationQuery = ObservationQuery(
            dataflow: structure.name, asOf: asOf, updatedAfter: updatedAfter, includeHistory: includeHistory,
            firstN: firstNObservations, lastN: lastNObservations)
        if let startPeriod, let interval = PeriodInterval(period: startPeriod) {
            observationQuery.periodFrom = interval.start
        }
        if let endPeriod, let interval = PeriodInterval(period: endPeriod) {
            observationQuery.periodUntil = interval.end
        }
        if let from = observationQuery.periodFrom, let until = observationQuery.periodUntil, from >= until {
            throw RESTError.semantic(
                "startPeriod '\(startPeriod ?? "")' is after endPeriod '\(endPeriod ?? "")'", api: api)
        }
        for (id, alternatives) in componentFilters.sorted(by: { $0.key < $1.key }) {
            guard let index = structure.index(of: id) else {
                throw fault("c[\(id)] names no component of \(structure.name)")
            }
            let component = structure.components[index]
            switch component.role {
            case .dimension:
                guard let position = structure.dimensionIndices.firstIndex(of: index) else { continue }
                let condition = ComponentCondition(target: .dimension(position: position), alternatives: alternatives)
                if let codelist = component.codelist {
                    // A coded dimension: the codes the condition keeps, narrowing the key (in SQL).
                    let codes = Set(codelist.codes.map(\.id).filter(condition.matches))
                    guard !codes.isEmpty else {
                        throw RESTError.noResults(
                            "no code of \(id)'s code list \(codelist.reference) satisfies c[\(id)]")
                    }
                    if keys.isEmpty { keys = [Array(repeating: [], count: dimensions.count)] }
                    for alternative in keys.indices {
                        let narrowed =
                            keys[alternative][position].isEmpty
                            ? codes : keys[alternative][position].intersection(codes)
                        keys[alternative][position] = narrowed
                    }
                    keys.removeAll { key in key.enumerated().contains { position == $0.offset && $0.element.isEmpty } }
                    guard !keys.isEmpty else {
                        throw RESTError.noResults("the key '\(key)' and c[\(id)] select no value of \(id) together")
                    }
                } else {
                    observationQuery.conditions.append(condition)
                }
            case .time:
                try narrowPeriod(alternatives, id: id, into: &observationQuery)
            case .measure:
                observationQuery.conditions.append(ComponentCondition(target: .value, alternatives: alternatives))
            case .attribute:
                observationQuery.conditions.append(
                    ComponentCondition(target: .attribute(id), alternatives: alternatives))
            }
        }
        observationQuery.keys = keys
        if let provider { observationQuery.refAreas = try providerAreas(provider, structure: structure) }
        return ResolvedDataQuery(
            query: self, structure: structure, observationQuery: observationQuery,
            dimensionAtObservation: try observationDimension(structure), attributeIDs: try attributeIDs(structure),
            measureIDs: try measureIDs(structure), componentPositions: try componentPositions(structure))
    }

    /// What a 1.5 providerRef selects. The Alliance's data providers are the national offices, one per
    /// country, each sending its own country's data (the portal refuses another country's, `OTHER_COUNTRY`):
    /// `KEN` or `IDAC,KEN`, a code of the REF_AREA dimension's code list, selects that country's
    /// observations (nil: all); `IDAC` (or `IDAC,IDAC`), the Alliance, provides everything. Any other
    /// provider is none the service knows: ``RESTError/noResults(_:)``. The repository records who sent each
    /// transmission, but reads observations by their key, not their sender.
    private func providerAreas(_ provider: String, structure: ResolvedStructure) throws -> Set<String>? {
        let parts = provider.split(separator: ",").map(String.init)
        let agency = parts.count == 2 ? parts[0] : "IDAC"
        let id = parts.last ?? ""
        let unknown = RESTError.noResults(
            "no data provider '\(provider)' is known: the Alliance's providers are its national offices, named by "
                + "their country's REF_AREA code (IDAC,KEN), and IDAC for all data; or write all")
        guard agency == "IDAC" else { throw unknown }
        if id == "IDAC" { return nil }
        guard let area = structure.index(of: "REF_AREA"), structure.components[area].isDimension,
            structure.components[area].codelist?.contains(id) == true
        else { throw unknown }
        return [id]
    }

    /// A 1.5 error is a syntax error (400), a 2.x one semantic (422).
    private func fault(_ message: String) -> RESTError {
        api == .v1 ? RESTError.syntax(message) : RESTError.semantic(message, api: api)
    }

    /// `c[TIME_PERIOD]`: one alternative of bounds (`ge:2020+le:2022`) is read in SQL; anything else row by row.
    private func narrowPeriod(
        _ alternatives: [[ComponentCondition.Term]], id: String, into query: inout ObservationQuery
    ) throws {
        for term in alternatives.joined() where ![.co, .nc, .sw, .ew].contains(term.op) {
            guard PeriodInterval(period: term.value) != nil else {
                throw RESTError.syntax("c[\(id)] has '\(term.value.prefix(80))', which is not an SDMX time period")
            }
        }
        guard alternatives.count == 1, let terms = alternatives.first,
            terms.allSatisfy({ [.ge, .gt, .le, .lt].contains($0.op) })
        else {
            query.conditions.append(ComponentCondition(target: .timePeriod, alternatives: alternatives))
            return
        }
        for term in terms {
            guard let interval = PeriodInterval(period: term.value) else { continue }
            switch term.op {
            case .ge: query.periodFrom = max(query.periodFrom ?? .min, interval.start)
            case .gt: query.periodFrom = max(query.periodFrom ?? .min, interval.end)
            case .le: query.periodUntil = min(query.periodUntil ?? .max, interval.end)
            case .lt: query.periodUntil = min(query.periodUntil ?? .max, interval.start)
            default: break
            }
        }
    }

    private func findStructure(in catalog: StructureCatalog, cache: ResolvedStructureCache?) throws
        -> ResolvedStructure
    {
        func matches(_ key: ArtefactKey, _ reference: ArtefactReference) -> Bool {
            (agencies.contains("*") || agencies.contains(key.agencyID)) && (ids.contains("*") || ids.contains(key.id))
                && (versions.contains { ["*", "+", "~", "latest"].contains($0) } || versions.contains(key.version))
        }
        let wantsLatest = versions.contains { ["+", "~", "latest"].contains($0) }
        var candidates: [ArtefactReference] = []
        if context != .datastructure {
            candidates += catalog.dataflows.filter { matches($0.key, $0.value.reference) }.map(\.value.reference)
        }
        if context == .datastructure || (context == .any && candidates.isEmpty) {
            candidates += catalog.dataStructures.filter { matches($0.key, $0.value.reference) }.map(\.value.reference)
        }
        if wantsLatest {
            // The latest version of each agency and id.
            var latest: [String: ArtefactReference] = [:]
            for candidate in candidates {
                let name = "\(candidate.kind):\(candidate.agencyID):\(candidate.id)"
                if let known = latest[name], !VersionOrder.isEarlier(known.version ?? "", than: candidate.version ?? "")
                {
                    continue
                }
                latest[name] = candidate
            }
            candidates = Array(latest.values)
        }
        let asked =
            "\(agencies.joined(separator: ",")):\(ids.joined(separator: ","))(\(versions.joined(separator: ",")))"
        guard let only = candidates.first else {
            throw RESTError.noResults("no dataflow \(asked) is known")
        }
        guard candidates.count == 1 else {
            let names = candidates.map(\.description).sorted().prefix(5).joined(separator: ", ")
            throw RESTError.notImplemented(
                "\(asked) names \(candidates.count) dataflows (\(names)): this service answers for one at a time")
        }
        do {
            guard let cache else { return try catalog.resolve(only) }
            return try cache.structure(for: only) { try catalog.resolve($0) }
        } catch {
            throw RESTError.noResults("the structure of \(only) is incomplete: \(error)")
        }
    }

    private func observationDimension(_ structure: ResolvedStructure) throws -> ResolvedDataQuery.ObservationDimension {
        guard let asked = dimensionAtObservation else {
            return structure.timeIndex == nil ? .allDimensions : .timePeriod
        }
        if asked == "AllDimensions" { return .allDimensions }
        if let time = structure.timeIndex, structure.components[time].id == asked { return .timePeriod }
        if let index = structure.index(of: asked), structure.components[index].isDimension { return .dimension(asked) }
        throw fault(
            "dimensionAtObservation '\(asked)' is not TIME_PERIOD, AllDimensions or a dimension of \(structure.name)")
    }

    private func attributeIDs(_ structure: ResolvedStructure) throws -> [String] {
        if detail == .dataonly || detail == .serieskeysonly { return [] }
        var chosen = Set<String>()
        for item in attributes {
            for index in structure.attributeIndices {
                let component = structure.components[index]
                guard case .attribute(_, let attachment) = component.role else { continue }
                let take: Bool
                switch item {
                case "dsd", "all": take = true
                case "none", "msd": take = false
                case "dataset": take = attachment == .dataSet
                case "obs": take = attachment == .observation
                case "series":
                    if case .dimensions = attachment {
                        take = true
                    } else if case .group = attachment {
                        take = true
                    } else {
                        take = false
                    }
                default: take = component.id == item
                }
                if take { chosen.insert(component.id) }
            }
            if !["dsd", "all", "none", "msd", "dataset", "obs", "series"].contains(item),
                structure.index(of: item).map({ !structure.attributeIndices.contains($0) }) ?? true
            {
                throw fault("attributes names '\(item)', which is not an attribute of \(structure.name)")
            }
        }
        return structure.attributeIndices.map { structure.components[$0].id }.filter(chosen.contains)
    }

    private func measureIDs(_ structure: ResolvedStructure) throws -> [String] {
        if detail == .serieskeysonly || detail == .nodata { return [] }
        let all = structure.measureIndices.map { structure.components[$0].id }
        if measures.contains("all") { return all }
        for item in measures where item != "none" && !all.contains(item) {
            throw fault("measures names '\(item)', which is not a measure of \(structure.name)")
        }
        return all.filter(measures.contains)
    }

    private func componentPositions(_ structure: ResolvedStructure) throws -> [Int] {
        let dimensions = structure.dimensionIndices.map { structure.components[$0].id }
        guard !componentIDs.isEmpty else { return Array(dimensions.indices) }
        return try componentIDs.map { id in
            guard let position = dimensions.firstIndex(of: id) else {
                throw fault("the componentId '\(id)' is not a dimension of the structure")
            }
            return position
        }
    }
}
