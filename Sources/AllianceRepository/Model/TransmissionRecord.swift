import GRDB

/// A file that was ingested (or refused): who sent it, when it arrived, its digest and its report.
public struct TransmissionRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "transmission"

    public var id: Int64?
    public var sender: String?
    public var messageID: String?
    public var prepared: String?
    public var received: String
    public var fileName: String
    public var sha256: String
    public var format: String
    public var dataflow: String?
    /// `accepted` once stored.
    public var status: String
    public var observationCount: Int
    /// The validation report, as JSON.
    public var report: String?
    /// The portal account that sent it (`idac users`); nil for files ingested from the command line.
    public var accountID: Int64?

    public init(
        sender: String?, messageID: String?, prepared: String?, received: String, fileName: String, sha256: String,
        format: String, dataflow: String?, status: String, observationCount: Int = 0, report: String? = nil,
        accountID: Int64? = nil
    ) {
        self.sender = sender
        self.messageID = messageID
        self.prepared = prepared
        self.received = received
        self.fileName = fileName
        self.sha256 = sha256
        self.format = format
        self.dataflow = dataflow
        self.status = status
        self.observationCount = observationCount
        self.report = report
        self.accountID = accountID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
