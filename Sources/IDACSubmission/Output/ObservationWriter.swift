import SDMXModel

/// Where whole observations go, fed by ``ObservationCollector``: an output format, the repository.
public protocol ObservationWriter: AnyObject {
    /// Called once the first dataset's structure is known, before any observation.
    func begin(structure: ResolvedStructure) throws
    /// One observation: its value for each component, by the structure's component order ("" when
    /// absent), and its dataset's SDMX action (`I`, `A`, `M`, `R`, `D`, or the long names).
    func write(_ values: [String], action: String?) throws
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
    public private(set) var observations = 0

    public init(catalog: StructureCatalog, override: ArtefactReference?, writer: any ObservationWriter) {
        self.catalog = catalog
        self.override = override
        self.writer = writer
    }

    public func header(_ header: DataMessageHeader) throws {}

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
        place(dataSet.values, into: &dataSetValues)
    }

    public func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {}

    public func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        inSeries = true
        seriesValues = dataSetValues
        place(values, into: &seriesValues)
    }

    public func observation(values: [ComponentValue], at position: DataPosition) throws {
        guard structure != nil else { return }
        row = inSeries ? seriesValues : dataSetValues
        place(values, into: &row)
        observations += 1
        try writer.write(row, action: action)
    }

    public func endSeries() throws { inSeries = false }

    public func endDataSet() throws {}

    /// Ends the output; a file that held no structure the catalog knows writes nothing.
    /// Whether a dataset named a structure, so the writer has begun.
    public var hasBegun: Bool { begun }

    public func finish() throws {
        guard begun else {
            throw SDMXError(
                .unresolvedReference,
                "no dataset named a structure among the loaded ones; give --dataflow or --structure")
        }
        try writer.end()
    }

    private func place(_ values: [ComponentValue], into row: inout [String]) {
        guard let structure else { return }
        for value in values {
            let index =
                structure.index(of: value.id)
                ?? (value.id == ComponentValue.primaryMeasureID ? structure.measureIndices.first : nil)
            if let index { row[index] = value.value }
        }
    }
}
