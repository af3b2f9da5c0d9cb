import Foundation
import Crypto
import SDMXModel

extension AllianceRepository {
    /// What a copy moved, and the digest both repositories gave of their content.
    public struct CopySummary: Sendable {
        /// The transmissions copied.
        public var transmissions: Int
        /// The observation rows copied: every version of every observation, replaced ones included.
        public var observationVersions: Int
        /// SHA-256 of the content (``contentDigest()``), the same on both sides.
        public var digest: String
    }

    /// Moves a whole repository, with every transmission and every version of every observation, into an
    /// empty one (SQLite to PostgreSQL or back, or alike), in one transaction of the target; then counts and
    /// digests both and stops with an error if they differ. A target that holds transmissions is refused.
    public static func copy(from source: AllianceRepository, to target: AllianceRepository) throws -> CopySummary {
        guard try target.transmissions().isEmpty else {
            throw SDMXError(
                .unreadableFile,
                "\(target.path) already holds transmissions: a repository is copied into an empty one only")
        }
        let transmissions = try source.transmissions()
        let accounts = try source.accounts()
        var copied = 0
        try target.backend.importRows(accounts: accounts, transmissions: transmissions) { write in
            var batch: [CopiedObservation] = []
            batch.reserveCapacity(5_000)
            try source.backend.forEachRow([
                SQLStatement(
                    sql: "SELECT \(CopiedObservation.columns) FROM \(ObservationSelection.tables) "
                        + "ORDER BY d.name, s.seriesKey, o.period, o.validFrom", arguments: [])
            ]) { row in
                batch.append(CopiedObservation(row: row))
                if batch.count == 5_000 {
                    try write(batch)
                    copied += batch.count
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try write(batch)
            copied += batch.count
        }
        let (sourceCount, sourceDigest) = try source.contentDigest()
        let (targetCount, targetDigest) = try target.contentDigest()
        guard sourceCount == targetCount, sourceCount == copied, sourceDigest == targetDigest,
            try target.transmissions().count == transmissions.count
        else {
            throw SDMXError(
                .unreadableFile,
                "the copy in \(target.path) differs from \(source.path) (\(targetCount) versions against "
                    + "\(sourceCount), digest \(targetDigest.prefix(12)) against \(sourceDigest.prefix(12)))")
        }
        return CopySummary(transmissions: transmissions.count, observationVersions: copied, digest: sourceDigest)
    }

    /// The number of stored versions, and a SHA-256 of every transmission (by id) and every version (by key,
    /// period and time), each column with its kind: equal for two repositories holding the same content,
    /// whatever their engine.
    public func contentDigest() throws -> (versions: Int, sha256: String) {
        var hasher = SHA256()
        func add(_ row: [SQLValue]) {
            var line = ""
            for value in row {
                switch value {
                case .text(let text): line += "t" + text
                case .integer(let number): line += "i" + String(number)
                case .null: line += "n"
                }
                line += "\u{1F}"
            }
            hasher.update(data: Array((line + "\u{1E}").utf8))
        }
        try backend.forEachRow([
            SQLStatement(sql: "SELECT \(TransmissionRecord.columns) FROM transmission ORDER BY id", arguments: [])
        ]) { add($0) }
        var versions = 0
        try backend.forEachRow([
            SQLStatement(
                sql: """
                    SELECT \(CopiedObservation.columns) FROM \(ObservationSelection.tables)
                    ORDER BY d.name, s.seriesKey, o.period, o.validFrom
                    """, arguments: [])
        ]) { row in
            versions += 1
            add(row)
        }
        return (versions, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
