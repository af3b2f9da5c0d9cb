import SDMXModel

/// Passes one row per series to another writer, for SDMX REST `detail=serieskeysonly` and `detail=nodata`:
/// the first observation of each series key, with the time period, the measures and the observation-level
/// attributes blanked (the series-level attributes stay, unless the caller dropped them). Rows must come in
/// key order, as the repository yields them: a series is written when its key first differs from the last.
public final class SeriesOnlyWriter: ObservationWriter {
    private let base: any ObservationWriter
    private var structure: ResolvedStructure?
    private var blanked: [Int] = []
    private var keyIndices: [Int] = []
    private var lastKey: [String]?
    private let shape: SDMXMLWriter.Shape

    /// Makes a writer that passes one row per series key to `base`. `shape` says what keys a series
    /// (``SeriesLayout``): with another dimension than the time at the observation, rows must come
    /// ordered by that key (``ObservationSorter``).
    public init(base: any ObservationWriter, shape: SDMXMLWriter.Shape = .timeSeries) {
        self.base = base
        self.shape = shape
    }

    /// See ``ObservationWriter``: begins `base` and notes which components belong to observations.
    public func begin(structure: ResolvedStructure) throws {
        self.structure = structure
        let layout = SeriesLayout(structure: structure, shape: shape == .flat ? .timeSeries : shape)
        keyIndices = layout.seriesDimensions
        blanked = layout.observationDimensions + structure.measureIndices + layout.observationAttributes
        try base.begin(structure: structure)
    }

    /// See ``ObservationWriter``: passes the row on when its key differs from the last one passed, its time, measures
    /// and observation attributes blanked.
    public func write(_ values: [String], action: String?) throws {
        guard structure != nil else { return }
        let key = keyIndices.map { values[$0] }
        guard key != lastKey else { return }
        lastKey = key
        var row = values
        for index in blanked { row[index] = "" }
        try base.write(row, action: action)
    }

    /// See ``ObservationWriter``: ends `base`.
    public func end() throws { try base.end() }
}
