import SDMXModel

/// Passes one row per series to another writer, for SDMX REST `detail=serieskeysonly` and `detail=nodata`:
/// the first observation of each series key, with the time period, the measures and the observation-level
/// attributes blanked (the series-level attributes stay, unless the caller dropped them). Rows must come in
/// key order, as the repository yields them: a series is written when its key first differs from the last.
public final class SeriesOnlyWriter: ObservationWriter {
    private let base: any ObservationWriter
    private var structure: ResolvedStructure?
    private var blanked: [Int] = []
    private var lastKey: [String]?

    /// Makes a writer that passes one row per series key to `base`.
    public init(base: any ObservationWriter) {
        self.base = base
    }

    /// See ``ObservationWriter``: begins `base` and notes which components belong to observations.
    public func begin(structure: ResolvedStructure) throws {
        self.structure = structure
        let observationAttributes = structure.attributeIndices.filter {
            if case .attribute(_, .observation) = structure.components[$0].role { return true }
            return false
        }
        blanked = (structure.timeIndex.map { [$0] } ?? []) + structure.measureIndices + observationAttributes
        try base.begin(structure: structure)
    }

    /// See ``ObservationWriter``: passes the row on when its key differs from the last one passed, its time, measures
    /// and observation attributes blanked.
    public func write(_ values: [String], action: String?) throws {
        guard let structure else { return }
        let key = structure.dimensionIndices.map { values[$0] }
        guard key != lastKey else { return }
        lastKey = key
        var row = values
        for index in blanked { row[index] = "" }
        try base.write(row, action: action)
    }

    /// See ``ObservationWriter``: ends `base`.
    public func end() throws { try base.end() }
}
