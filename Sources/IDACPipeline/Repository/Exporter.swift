import AllianceRepository
import SDMXModel

/// Writes what the repository holds for a dataflow (now, or as of a date), filtered by an SDMX REST
/// key such as `Q.KEN+UGA...F..`, in any output format.
public struct Exporter {
    public var repository: AllianceRepository
    public var catalog: StructureCatalog

    public init(repository: AllianceRepository, catalog: StructureCatalog) {
        self.repository = repository
        self.catalog = catalog
    }

    /// Returns how many observations were written.
    public func export(dataflow: ArtefactReference, key: String?, asOf: String?, writer: any ObservationWriter) throws
        -> Int
    {
        let structure = try catalog.resolve(dataflow)
        let filter = try key.map { try Self.parseKey($0, structure: structure) }
        var written = 0
        try writer.begin(structure: structure)
        let asOfInstant = try asOf.map(RepositoryInstant.asOf(parsing:))
        // The reference areas the key asks for are selected in SQL (through the area index); the other
        // parts of the key as the rows stream past.
        let areaPosition = structure.dimensionIndices.firstIndex { structure.components[$0].id == "REF_AREA" }
        let areas = areaPosition.flatMap { position in filter.flatMap { $0[position].isEmpty ? nil : $0[position] } }
        let query = ObservationQuery(dataflow: structure.name, asOf: asOfInstant, refAreas: areas)
        var values = [String](repeating: "", count: structure.components.count)
        try repository.forEachObservation(query) { observation in
            let parts = observation.seriesKey.split(separator: ".", omittingEmptySubsequences: false)
            if let filter, !zip(filter, parts).allSatisfy({ $0.0.isEmpty || $0.0.contains(String($0.1)) }) { return }
            for index in values.indices { values[index] = "" }
            for (position, index) in structure.dimensionIndices.enumerated() where position < parts.count {
                values[index] = String(parts[position])
            }
            if let time = structure.timeIndex { values[time] = observation.period }
            if let measure = structure.measureIndices.first { values[measure] = observation.value }
            for (id, value) in observation.attributes {
                if let index = structure.index(of: id) { values[index] = value }
            }
            try writer.write(values, action: nil)
            written += 1
        }
        try writer.end()
        return written
    }

    /// `Q.KEN+UGA...F..`: one part per dimension, `+` between alternatives, empty for any. A value that is
    /// not in its dimension's code list could select nothing: it is an error naming the dimension, never a
    /// silently empty answer.
    static func parseKey(_ key: String, structure: ResolvedStructure) throws -> [Set<String>] {
        let dimensions = structure.dimensionIndices.map { structure.components[$0] }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        let order = dimensions.map(\.id).joined(separator: ".")
        guard parts.count == dimensions.count else {
            throw SDMXError(
                .invalidStructure,
                "the key '\(key)' has \(parts.count) parts; \(structure.name) has "
                    + "\(dimensions.count) dimensions (\(order)): write one part per dimension, empty for all, "
                    + "values joined by +")
        }
        return try zip(parts, dimensions).enumerated().map { position, pair in
            let (part, dimension) = pair
            let values = Set(part.split(separator: "+").map(String.init))
            if let codelist = dimension.codelist, let unknown = values.sorted().first(where: { !codelist.contains($0) })
            {
                throw SDMXError(
                    .invalidStructure,
                    "the key '\(key)' gives '\(unknown)' for \(dimension.id) (part \(position + 1) "
                        + "of \(order)), which is not in its code list \(codelist.reference)")
            }
            return values
        }
    }
}
