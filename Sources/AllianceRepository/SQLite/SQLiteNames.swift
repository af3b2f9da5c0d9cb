import GRDB

/// The ids of dataflows, series and attribute sets inside one SQLite transaction, made on first use and
/// remembered (bounded): what an ingest or a copy stores by name. A series made in this transaction is
/// `fresh`: it has no version from before, so its observations are inserted without looking for one.
final class SQLiteNames {
    private let db: Database
    private let findDataflow: Statement
    private let addDataflow: Statement
    private let findSeries: Statement
    private let addSeries: Statement
    private let findAttributes: Statement
    private let addAttributes: Statement
    private var dataflows: [String: Int64] = [:]
    private var series: [String: (id: Int64, fresh: Bool)] = [:]
    private var attributeSets: [String: Int64] = [:]
    /// At most this many series and attribute sets remembered; forgetting only costs a look-up.
    static let limit = 100_000

    init(db: Database) throws {
        self.db = db
        findDataflow = try db.makeStatement(sql: "SELECT id FROM dataflow WHERE name = ?")
        addDataflow = try db.makeStatement(sql: "INSERT INTO dataflow (name) VALUES (?)")
        findSeries = try db.makeStatement(sql: "SELECT id FROM series WHERE dataflowID = ? AND seriesKey = ?")
        addSeries = try db.makeStatement(
            sql: "INSERT INTO series (dataflowID, seriesKey, refArea, updated) VALUES (?, ?, ?, ?)")
        findAttributes = try db.makeStatement(
            sql: "SELECT id FROM attributeSet WHERE dataflowID = ? AND attributes = ?")
        addAttributes = try db.makeStatement(sql: "INSERT INTO attributeSet (dataflowID, attributes) VALUES (?, ?)")
    }

    func dataflow(_ name: String) throws -> Int64 {
        if let id = dataflows[name] { return id }
        let id: Int64
        if let found = try Int64.fetchOne(findDataflow, arguments: [name]) {
            id = found
        } else {
            try addDataflow.execute(arguments: [name])
            id = db.lastInsertedRowID
        }
        dataflows[name] = id
        return id
    }

    /// The series' id, made (stamped `now`) when absent.
    func series(dataflow: Int64, key: String, refArea: String?, now: Int64) throws -> (id: Int64, fresh: Bool) {
        let name = String(dataflow) + "\u{1}" + key
        if let known = series[name] { return known }
        let found: (id: Int64, fresh: Bool)
        if let id = try Int64.fetchOne(findSeries, arguments: [dataflow, key]) {
            found = (id, false)
        } else {
            try addSeries.execute(arguments: [dataflow, key, refArea, now])
            found = (db.lastInsertedRowID, true)
        }
        if series.count >= Self.limit { series.removeAll(keepingCapacity: true) }
        series[name] = found
        return found
    }

    func attributeSet(dataflow: Int64, attributes: String) throws -> Int64 {
        let name = String(dataflow) + "\u{1}" + attributes
        if let id = attributeSets[name] { return id }
        let id: Int64
        if let found = try Int64.fetchOne(findAttributes, arguments: [dataflow, attributes]) {
            id = found
        } else {
            try addAttributes.execute(arguments: [dataflow, attributes])
            id = db.lastInsertedRowID
        }
        if attributeSets.count >= Self.limit { attributeSets.removeAll(keepingCapacity: true) }
        attributeSets[name] = id
        return id
    }
}
