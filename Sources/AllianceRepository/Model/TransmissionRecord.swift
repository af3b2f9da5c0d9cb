import GRDB

/// A file that was ingested (or refused): who sent it, when it arrived, its digest and its report.
public struct TransmissionRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The table the records are kept in.
    public static let databaseTableName = "transmission"

    /// The row's number, given by the repository on insert (``didInsert(_:)``); nil before.
    public var id: Int64?
    /// The header's `Sender` id; nil when the file names none.
    public var sender: String?
    /// The header's message `ID`, as the sender chose it; nil when absent.
    public var messageID: String?
    /// The header's `Prepared` date-time, as written; nil when absent.
    public var prepared: String?
    /// When the file arrived, in the repository's form (``RepositoryInstant``): what as-of reads compare with.
    public var received: String
    /// The file as the user named it (an archive's entry as `archive.zip!entry`).
    public var fileName: String
    /// The SHA-256 of the file's bytes (hex), by which a file sent again is recognised and left alone.
    public var sha256: String
    /// The format detected, in words (`SDMX-CSV 2.0`); empty until the file is stored.
    public var format: String
    /// The structure its datasets followed (`IDAC:DF_CHILD_MIGRATION(1.0)`); nil until stored or when it held none.
    public var dataflow: String?
    /// `accepted` once stored.
    public var status: String
    /// The observations the file gave that are now stored: new, revised and unchanged ones (deletions not counted).
    public var observationCount: Int
    /// The validation report, as JSON.
    public var report: String?
    /// The portal account that sent it (`idac users`); nil for files ingested from the command line.
    public var accountID: Int64?

    /// A record not yet stored (``id`` nil); the ingest fills in what the file says once it is read.
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

    /// Keeps the row id the database gave the new record.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
