/// One observation to store, as ``ObservationStore`` hands it to the backend.
struct PendingObservation {
    var dataflow: String
    var seriesKey: String
    var refArea: String?
    var period: String
    /// Nil when the value is missing.
    var value: String?
    var attributes: String
}

/// A backend's writer inside one ingest transaction. The counts are final once ``finish()`` has run (a
/// batching writer learns them as it writes its batches).
protocol ObservationSink: AnyObject {
    var inserted: Int { get }
    var unchanged: Int { get }
    var deleted: Int { get }
    func upsert(_ observation: PendingObservation) throws
    func delete(dataflow: String, keyParts: [String], period: String) throws
    /// Writes what is still held back, before the transmission's record is completed.
    func finish() throws
}
