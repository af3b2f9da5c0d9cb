import SDMXModel

/// Where whole observations go, fed by ``ObservationCollector``: an output format, the repository.
public protocol ObservationWriter: AnyObject {
    /// Called once the first dataset's structure is known, before any observation.
    func begin(structure: ResolvedStructure) throws
    /// One observation: its value for each component, by the structure's component order ("" when
    /// absent), and its dataset's SDMX action (`I`, `A`, `M`, `R`, `D`, or the long names).
    func write(_ values: [String], action: String?) throws
    /// Called once after the last observation: closes the message (a writer that wrote nothing may write nothing).
    func end() throws
}

/// Turns the event stream into whole observations (dataset, series and observation values merged,
/// in the structure's component order) for a writer.
public final class ObservationCollector: DataHandler {
    private let catalog: StructureCatalog
    private let override: ArtefactReference?
    private let writer: any ObservationWriter
    private var action: String?
    private var structure: ResolvedStructure?
    private var begun = false
    private var dataSetValues: [String] = []
    private var seriesValues: [String] = []
    private var inSeries = false
    private var row: [String] = []
    /// Each value's component index in ``structure``, by its position in the values handed over: one for
    /// the dataset's, the series' and the observations' values, which name different components.
    private var places = [PositionalLookup<Int?>](repeating: PositionalLookup { _ in nil }, count: 3)
    private var placeStructure: ResolvedStructure?
    /// How many observations were handed to the writer.
    public private(set) var observations = 0

    /// Makes a collector that writes into `writer` the observations of datasets whose structure `catalog` resolves;
    /// `override` (the user's `--dataflow`) replaces the structure the data name.
    public init(catalog: StructureCatalog, override: ArtefactReference?, writer: any ObservationWriter) {
        self.catalog = catalog
        self.override = override
        self.writer = writer
    }

    /// The header says nothing the writer needs.
    public func header(_ header: DataMessageHeader) throws {}

    /// Resolves the dataset's structure (its observations are skipped when it cannot) and begins the writer with the
    /// first one; a dataset of another DSD than the first is an error, since an output holds one structure.
    public func startDataSet(_ dataSet: DataSetStart) throws {
        guard let reference = override ?? dataSet.structure,
            let resolved = try? catalog.resolve(reference, allowIncomplete: !catalog.requiresCompleteStructures)
        else {
            structure = nil
            return
        }
        if let current = structure, current.dataStructure.reference != resolved.dataStructure.reference, begun {
            throw SDMXError(
                .unsupportedFormat,
                "the file holds datasets of two structures (\(current.name), \(resolved.name)); "
                    + "transform writes one structure per output: split the file")
        }
        structure = resolved
        action = dataSet.action
        if !begun {
            try writer.begin(structure: resolved)
            begun = true
        }
        dataSetValues = Array(repeating: "", count: resolved.components.count)
        place(dataSet.values, into: &dataSetValues, kind: 0)
    }

    /// Groups are not written: their attributes are not merged into the observations.
    public func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {}

    /// Notes the series' values, which its observations take unless they give their own.
    public func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        inSeries = true
        seriesValues = dataSetValues
        place(values, into: &seriesValues, kind: 1)
    }

    /// Merges the observation with its dataset's and series' values and writes it; skipped when the dataset's structure
    /// did not resolve.
    public func observation(values: [ComponentValue], at position: DataPosition) throws {
        guard structure != nil else { return }
        row = inSeries ? seriesValues : dataSetValues
        place(values, into: &row, kind: 2)
        observations += 1
        try writer.write(row, action: action)
    }

    /// Leaves the series: observations after it take only the dataset's values.
    public func endSeries() throws { inSeries = false }

    /// Nothing to do: the writer ends once, in `finish()`.
    public func endDataSet() throws {}

    /// Ends the output; a file that held no structure the catalog knows writes nothing.
    /// Whether a dataset named a structure, so the writer has begun.
    public var hasBegun: Bool { begun }

    /// Ends the writer's output; throws UNRESOLVED_REFERENCE when no dataset named a structure the catalog knows (then
    /// nothing was begun).
    public func finish() throws {
        guard begun else {
            throw SDMXError(
                .unresolvedReference,
                "no dataset named a structure among the loaded ones; give --dataflow or --structure")
        }
        try writer.end()
    }

    /// Puts each value at its component's index; `kind` picks the remembered places (0 the dataset's, 1 the
    /// series', 2 the observations').
    private func place(_ values: [ComponentValue], into row: inout [String], kind: Int) {
        guard let structure else { return }
        if placeStructure !== structure {
            placeStructure = structure
            let lookUp = { (id: String) -> Int? in
                structure.index(of: id)
                    ?? (id == ComponentValue.primaryMeasureID ? structure.measureIndices.first : nil)
            }
            places = (0..<3).map { _ in PositionalLookup(lookUp) }
        }
        for (position, value) in values.enumerated() {
            if let index = places[kind].answer(for: value.id, at: position) { row[index] = value.value }
        }
    }
}
