import AllianceRepository
import SDMXModel

/// Writes what the repository holds for a dataflow (now, or as of a date), filtered by an SDMX REST
/// key such as `Q.KEN+UGA..F...`, in any output format.
public struct Exporter {
    public var repository: AllianceRepository
    public var catalog: StructureCatalog

    public init(repository: AllianceRepository, catalog: StructureCatalog) {
        self.repository = repository
        self.catalog = catalog
    }

    /// Returns how many observations were written.
    public func export(dataflow: ArtefactReference, key: String?, asOf: String?, writer: any ObservationWriter) throws -> Int {
        let structure = try catalog.resolve(dataflow)
        let dimensions = structure.dimensionIndices.count
        let filter = try key.map { try Self.parseKey($0, dimensions: dimensions) }
        var written = 0
        try writer.begin(structure: structure)
        for observation in try repository.observations(dataflow: structure.name, asOf: asOf.map(Self.asOfTime)) {
            let parts = observation.seriesKey.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if let filter, !zip(filter, parts).allSatisfy({ $0.0.isEmpty || $0.0.contains($0.1) }) { continue }
            var values = [String](repeating: "", count: structure.components.count)
            for (position, index) in structure.dimensionIndices.enumerated() where position < parts.count { values[index] = parts[position] }
            if let time = structure.timeIndex { values[time] = observation.period }
            if let measure = structure.measureIndices.first { values[measure] = observation.value }
            for (id, value) in observation.attributes { if let index = structure.index(of: id) { values[index] = value } }
            try writer.write(values, action: nil)
            written += 1
        }
        try writer.end()
        return written
    }

    /// `Q.KEN+UGA..F...`: one part per dimension, `+` between alternatives, empty for any.
    static func parseKey(_ key: String, dimensions: Int) throws -> [Set<String>] {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == dimensions else {
            throw SDMXError(.invalidStructure, "the key '\(key)' has \(parts.count) parts; the dataflow has \(dimensions) dimensions "
                                + "(write one part per dimension, empty for all, values joined by +)")
        }
        return parts.map { Set($0.split(separator: "+").map(String.init)) }
    }

    /// A date means its end (as of 2025-03-31 is after that day's transmissions).
    static func asOfTime(_ text: String) -> String {
        text.count == 10 ? text + "T23:59:59.999Z" : text
    }
}
