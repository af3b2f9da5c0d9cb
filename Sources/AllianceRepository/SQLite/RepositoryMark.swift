import GRDB
import SDMXModel

/// The mark that makes a SQLite file an idac repository: SQLite's `application_id` set to "IDAC".
///
/// Without it, `--repository` pointed by mistake at another program's database would get idac's tables
/// added to it. A new, empty database is marked; a repository made before the mark existed (idac's
/// migrations table and tables, nothing else) is marked on opening; anything else is refused.
enum RepositoryMark {
    /// "IDAC" in ASCII.
    static let applicationID: Int32 = 0x4944_4143

    static func claim(_ queue: DatabaseQueue, path: String) throws {
        let refusal: String? = try queue.writeWithoutTransaction { db in
            let current = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            if current == applicationID { return nil }
            if current != 0 {
                return "its SQLite application_id is \(current), not idac's"
            }
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let ours: Set<String> = ["grdb_migrations", "transmission", "observation"]
            guard Set(tables).isSubset(of: ours), tables.isEmpty || tables.contains("grdb_migrations") else {
                let foreign = tables.filter { !ours.contains($0) }.prefix(5).joined(separator: ", ")
                return
                    "it holds tables idac does not make (\(foreign.isEmpty ? tables.joined(separator: ", ") : foreign))"
            }
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            return nil
        }
        if let refusal {
            throw SDMXError(
                .unreadableFile,
                "\(path) is a SQLite database but not an idac repository: \(refusal); "
                    + "give --repository a path of its own")
        }
    }
}
