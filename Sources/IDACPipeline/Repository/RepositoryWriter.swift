import AllianceRepository
import SDMXModel

/// Stores whole observations in the repository as a writer would write them to a file: the SDMX
/// action decides — Information, Append, Merge and Replace update or insert, Delete removes at the
/// level given (a partial key, with or without a period).
final class RepositoryWriter: ObservationWriter {
    private let store: ObservationStore
    private var structure: ResolvedStructure?
    private var areaIndex: Int?
    private(set) var dataflow: String?

    init(store: ObservationStore) {
        self.store = store
    }

    func begin(structure: ResolvedStructure) throws {
        self.structure = structure
        dataflow = structure.name
        areaIndex = structure.index(of: "REF_AREA")
    }

    func write(_ values: [String], action: String?) throws {
        guard let structure, let dataflow else { return }
        let keyParts = structure.dimensionIndices.map { values[$0] }
        let period = structure.timeIndex.map { values[$0] } ?? ""
        if action == "D" || action == "Delete" {
            try store.delete(dataflow: dataflow, keyParts: keyParts, period: period)
            return
        }
        let attributes = structure.attributeIndices.compactMap { index in
            values[index].isEmpty ? nil : (id: structure.components[index].id, value: values[index])
        }
        try store.upsert(dataflow: dataflow, seriesKey: keyParts.joined(separator: "."), refArea: areaIndex.map { values[$0] },
                         period: period, value: structure.measureIndices.first.map { values[$0] } ?? "", attributes: attributes)
    }

    func end() throws {}
}

/// Keeps the message header's sender, id and preparation time for the transmission record.
final class HeaderRecorder: DataHandler {
    private(set) var header: DataMessageHeader?
    func header(_ header: DataMessageHeader) throws { self.header = header }
    func startDataSet(_ dataSet: DataSetStart) throws {}
    func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {}
    func startSeries(values: [ComponentValue], at position: DataPosition) throws {}
    func observation(values: [ComponentValue], at position: DataPosition) throws {}
    func endSeries() throws {}
    func endDataSet() throws {}
}
