import IDACSubmission
import AllianceRepository
import SDMXModel
import SDMXREST

/// Writes what the repository holds for a dataflow (now, or as of a date), filtered by an SDMX REST
/// key such as `Q.KEN+UGA...F..`, in any output format.
public struct Exporter {
    /// The repository the observations are read from.
    public var repository: AllianceRepository
    /// The structures the dataflow and key are resolved against.
    public var catalog: StructureCatalog

    /// An exporter over `repository`, resolving names in `catalog`.
    public init(repository: AllianceRepository, catalog: StructureCatalog) {
        self.repository = repository
        self.catalog = catalog
    }

    /// Returns how many observations were written. The key (``SeriesKeyFilter``), the periods (whose
    /// covered time must lie within `startPeriod`…`endPeriod`, ``PeriodInterval``) and the as-of time are
    /// selected in SQL, and the rows are written as the repository's cursor yields them.
    public func export(
        dataflow: ArtefactReference, key: String?, asOf: String?, startPeriod: String? = nil,
        endPeriod: String? = nil, writer: any ObservationWriter
    ) throws -> Int {
        let structure = try catalog.resolve(dataflow)
        var query = ObservationQuery(dataflow: structure.name, asOf: try asOf.map(RepositoryInstant.asOf(parsing:)))
        do {
            if let key { query.keys = try SeriesKeyFilter(key, api: .v1, structure: structure).keys }
        } catch let error as RESTError {
            throw SDMXError(.invalidStructure, error.message)
        }
        for (name, period) in [("--start-period", startPeriod), ("--end-period", endPeriod)] {
            guard let period else { continue }
            guard let interval = PeriodInterval(period: period) else {
                throw SDMXError(
                    .invalidStructure, "\(name) '\(period)' is not an SDMX time period (2024, 2024-Q2, 2024-05…)")
            }
            if name == "--start-period" { query.periodFrom = interval.start } else { query.periodUntil = interval.end }
        }
        return try write(query, structure: structure, writer: writer)
    }

    /// Writes what a resolved SDMX REST data query selects (what `idac serve` answers with): only the
    /// attributes and measures it asks for; in an `updatedAfter` answer, observations deleted since carry
    /// the Delete action. Returns how many were written.
    public func export(_ resolved: ResolvedDataQuery, writer: any ObservationWriter) throws -> Int {
        let structure = resolved.structure
        let kept = Set(resolved.attributeIDs + resolved.measureIDs)
        let dropped = (structure.attributeIndices + structure.measureIndices).filter {
            !kept.contains(structure.components[$0].id)
        }
        // In an `updatedAfter` answer a closed version is one deleted since: written with the Delete action.
        let closedAction = resolved.observationQuery.updatedAfter == nil ? nil : "Delete"
        return try write(
            resolved.observationQuery, structure: structure, dropping: dropped, closedAction: closedAction,
            writer: writer)
    }

    /// Streams the rows a query selects into the writer, one value per component in structure order.
    private func write(
        _ query: ObservationQuery, structure: ResolvedStructure, dropping dropped: [Int] = [],
        closedAction: String? = nil, writer: any ObservationWriter
    ) throws -> Int {
        var written = 0
        try writer.begin(structure: structure)
        var values = [String](repeating: "", count: structure.components.count)
        let dimensions = structure.dimensionIndices
        var placement = ValuePlacement(structure: structure, dropping: dropped)
        // Rows come by series: the key is split when it changes, not once per observation (a tenth of an export).
        var lastKey: String?
        try repository.forEachObservation(query) { observation in
            if observation.seriesKey != lastKey {
                for index in dimensions { values[index] = "" }
                // Split on the key's bytes: splitting the String by Character cost a quarter of an export.
                var position = 0
                for part in observation.seriesKey.utf8.split(
                    separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
                {
                    guard position < dimensions.count else { break }
                    values[dimensions[position]] = String(Substring(part))
                    position += 1
                }
                lastKey = observation.seriesKey
            }
            placement.place(observation, into: &values)
            try writer.write(values, action: observation.validTo == nil ? nil : closedAction)
            written += 1
        }
        try writer.end()
        return written
    }
}

/// Puts an observation's period, value and attributes at their components' places. The attributes are
/// placed again only when they change: the repository hands the rows of one attribute set the same
/// dictionary (compared by identity, cheaply), and looking each attribute's place up per row cost a twentieth
/// of an export.
///
/// Where a component's value comes from, in this order: nothing for a dropped attribute or measure; the
/// attribute of its id; the period for the time dimension, the value for the first measure; else nothing.
struct ValuePlacement {
    private let structure: ResolvedStructure
    private let dropped: Set<Int>
    /// Every component that is not a key dimension (the key's values come from the series key, whatever the
    /// attributes say).
    private let others: [Int]
    private let isOther: [Bool]
    private var lastAttributes: [String: String]?
    /// Where the period and the value go under the current attributes (nil where an attribute or a drop wins).
    private var periodIndex: Int?
    private var valueIndex: Int?

    init(structure: ResolvedStructure, dropping dropped: [Int]) {
        self.structure = structure
        self.dropped = Set(dropped)
        let dimensions = Set(structure.dimensionIndices)
        others = structure.components.indices.filter { !dimensions.contains($0) }
        isOther = structure.components.indices.map { !dimensions.contains($0) }
    }

    mutating func place(_ observation: StoredObservation, into values: inout [String]) {
        if observation.attributes != lastAttributes {
            for index in others { values[index] = "" }
            periodIndex = structure.timeIndex
            valueIndex = structure.measureIndices.first
            for (id, value) in observation.attributes {
                guard let index = structure.index(of: id), isOther[index], !dropped.contains(index) else { continue }
                values[index] = value
                if index == periodIndex { periodIndex = nil }
                if index == valueIndex { valueIndex = nil }
            }
            if let index = valueIndex, dropped.contains(index) { valueIndex = nil }
            if let index = periodIndex, dropped.contains(index) { periodIndex = nil }
            lastAttributes = observation.attributes
        }
        if let periodIndex { values[periodIndex] = observation.period }
        if let valueIndex { values[valueIndex] = observation.value }
    }
}
