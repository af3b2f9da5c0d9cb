import Foundation
import GRDB
import SDMXModel

extension AllianceRepository {
    /// Adds an account. Its name must be new (exit 2 otherwise), its country three capital letters.
    public func addAccount(name: String, country: String, role: AccountRecord.Role, tokenHash: String)
        throws -> AccountRecord
    {
        let created = RepositoryInstant.format(Date())
        return try queue.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE name = ?", arguments: [name]) ?? 0 > 0 {
                throw SDMXError(
                    SDMXError.Code(rawValue: "ACCOUNT_EXISTS"), "there is already an account named '\(name)'")
            }
            let id = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM account") ?? 1
            try db.execute(
                sql: """
                    INSERT INTO account (id, name, country, role, tokenHash, created, revoked)
                    VALUES (?, ?, ?, ?, ?, ?, NULL)
                    """, arguments: [id, name, country, role.rawValue, tokenHash, created])
            return AccountRecord(
                id: id, name: name, country: country, role: role, tokenHash: tokenHash, created: created,
                revoked: nil)
        }
    }

    /// Every account, revoked ones included, by id.
    public func accounts() throws -> [AccountRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY id").compactMap(Self.account)
        }
    }

    /// The account whose token has this SHA-256 (hex), revoked or not.
    public func account(tokenHash: String) throws -> AccountRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE tokenHash = ?", arguments: [tokenHash])
                .flatMap(Self.account)
        }
    }

    public func account(id: Int64) throws -> AccountRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]).flatMap(Self.account)
        }
    }

    /// Revokes the account named `name`: its token is refused from now on. False when there is no
    /// active account of that name.
    @discardableResult
    public func revokeAccount(name: String) throws -> Bool {
        let now = RepositoryInstant.format(Date())
        return try queue.write { db in
            try db.execute(
                sql: "UPDATE account SET revoked = ? WHERE name = ? AND revoked IS NULL", arguments: [now, name])
            return db.changesCount > 0
        }
    }

    /// The transmissions sent through the portal by accounts of `country`, or every transmission
    /// (`country` nil: the Secretariat), newest first.
    public func transmissions(country: String?) throws -> [TransmissionRecord] {
        try queue.read { db in
            guard let country else {
                return try TransmissionRecord.fetchAll(db, sql: "SELECT * FROM transmission ORDER BY id DESC")
            }
            return try TransmissionRecord.fetchAll(
                db,
                sql: """
                    SELECT t.* FROM transmission t JOIN account a ON a.id = t.accountID
                    WHERE a.country = ? ORDER BY t.id DESC
                    """, arguments: [country])
        }
    }

    /// The transmission with this id, whatever its status.
    public func transmission(id: Int64) throws -> TransmissionRecord? {
        try queue.read { db in try TransmissionRecord.fetchOne(db, key: id) }
    }

    /// The countries (REF_AREA) a transmission's observations are for.
    public func areas(ofTransmission id: Int64) throws -> [String] {
        try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT refArea FROM observation WHERE transmissionID = ? AND refArea IS NOT NULL
                    ORDER BY refArea
                    """, arguments: [id])
        }
    }

    private static func account(_ row: Row) -> AccountRecord? {
        guard let role = AccountRecord.Role(rawValue: row["role"]) else { return nil }
        return AccountRecord(
            id: row["id"], name: row["name"], country: row["country"], role: role, tokenHash: row["tokenHash"],
            created: row["created"], revoked: row["revoked"])
    }
}
