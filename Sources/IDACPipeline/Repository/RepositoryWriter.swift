import IDACSubmission
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
    /// The last observation's key and attributes, and their text: a series' observations repeat
    /// them, and the text is made once per series instead of once per observation.
    private var lastKeyParts: [String] = []
    private var lastKey = ""
    private var lastAttributeValues: [String] = []
    private var lastEncoded = "{}"

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
        let period = structure.timeIndex.map { values[$0] } ?? ""
        if action == "D" || action == "Delete" {
            try store.delete(
                dataflow: dataflow, keyParts: structure.dimensionIndices.map { values[$0] }, period: period)
            return
        }
        if !Self.same(structure.dimensionIndices, values, lastKeyParts) {
            lastKeyParts = structure.dimensionIndices.map { values[$0] }
            lastKey = lastKeyParts.joined(separator: ".")
        }
        if !Self.same(structure.attributeIndices, values, lastAttributeValues) {
            lastAttributeValues = structure.attributeIndices.map { values[$0] }
            lastEncoded = ObservationStore.encode(
                structure.attributeIndices.compactMap { index in
                    values[index].isEmpty ? nil : (id: structure.components[index].id, value: values[index])
                })
        }
        try store.upsert(
            dataflow: dataflow, seriesKey: lastKey, refArea: areaIndex.map { values[$0] }, period: period,
            value: structure.measureIndices.first.map { values[$0] } ?? "", encodedAttributes: lastEncoded)
    }

    func end() throws {}

    /// Whether the values at `indices` are `known`, in order.
    private static func same(_ indices: [Int], _ values: [String], _ known: [String]) -> Bool {
        guard known.count == indices.count else { return false }
        for (position, index) in indices.enumerated() where values[index] != known[position] { return false }
        return true
    }
}

/// Keeps the message header's sender, id and preparation time for the transmission record.
final class HeaderRecorder: DataHandler {
    private(set) var header: DataMessageHeader?
    func header(_ header: DataMessageHeader) throws { self.header = header }
    func startDataSet(_ dataSet: DataSetStart) throws {}
    func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {}
    func startSeries(values: [ComponentValue], at position: DataPosition) throws {}
    func observation(values: [ComponentValue], at position: DataPosition) throws {}
    func observation(_ record: ObservationRecord, at position: DataPosition) throws {}
    func endSeries() throws {}
    func endDataSet() throws {}
}
