import Foundation
import SDMXModel

/// The portal's accounts, in SQL both backends run (``RepositoryBackend``).
extension AllianceRepository {
    /// Adds an account. Its name must be new (exit 2 otherwise), its country three capital letters.
    public func addAccount(name: String, country: String, role: AccountRecord.Role, tokenHash: String)
        throws -> AccountRecord
    {
        if try account(where: "name = ?", [.text(name)]) != nil {
            throw SDMXError(SDMXError.Code(rawValue: "ACCOUNT_EXISTS"), "there is already an account named '\(name)'")
        }
        let created = RepositoryInstant.format(Date())
        // The id is taken in the insert itself (no AUTOINCREMENT or sequence to keep alike on both engines);
        // the name's uniqueness refuses a second account made at the same moment.
        try backend.write([
            SQLStatement(
                sql: """
                    INSERT INTO account (id, name, country, role, tokenHash, created, revoked)
                    SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ?, NULL FROM account
                    """,
                arguments: [.text(name), .text(country), .text(role.rawValue), .text(tokenHash), .text(created)])
        ])
        guard let account = try account(where: "name = ?", [.text(name)]) else {
            throw SDMXError(.unreadableFile, "the account '\(name)' could not be stored")
        }
        return account
    }

    /// Every account, revoked ones included, by id.
    public func accounts() throws -> [AccountRecord] {
        try accounts(where: "1 = 1", [])
    }

    /// The account whose token has this SHA-256 (hex), revoked or not.
    public func account(tokenHash: String) throws -> AccountRecord? {
        try account(where: "tokenHash = ?", [.text(tokenHash)])
    }

    /// The account with this id, revoked or not; nil when there is none.
    public func account(id: Int64) throws -> AccountRecord? {
        try account(where: "id = ?", [.integer(id)])
    }

    /// Revokes the account named `name`: its token is refused from now on. False when there is no
    /// active account of that name.
    @discardableResult
    public func revokeAccount(name: String) throws -> Bool {
        guard try account(where: "name = ? AND revoked IS NULL", [.text(name)]) != nil else { return false }
        try backend.write([
            SQLStatement(
                sql: "UPDATE account SET revoked = ? WHERE name = ? AND revoked IS NULL",
                arguments: [.text(RepositoryInstant.format(Date())), .text(name)])
        ])
        return true
    }

    /// The transmissions sent through the portal by accounts of `country`, or every transmission
    /// (`country` nil: the Secretariat), newest first.
    public func transmissions(country: String?) throws -> [TransmissionRecord] {
        let columns = TransmissionRecord.columns.split(separator: ",").map {
            "t." + $0.trimmingCharacters(in: .whitespaces)
        }
        .joined(separator: ", ")
        let statement =
            country.map {
                SQLStatement(
                    sql: """
                        SELECT \(columns) FROM transmission t JOIN account a ON a.id = t.accountID
                        WHERE a.country = ? ORDER BY t.id DESC
                        """, arguments: [.text($0)])
            } ?? SQLStatement(sql: "SELECT \(columns) FROM transmission t ORDER BY t.id DESC", arguments: [])
        var records: [TransmissionRecord] = []
        try backend.forEachRow([statement]) { records.append(TransmissionRecord(row: $0)) }
        return records
    }

    /// The transmission with this id, whatever its status.
    public func transmission(id: Int64) throws -> TransmissionRecord? {
        var record: TransmissionRecord?
        try backend.forEachRow([
            SQLStatement(
                sql: "SELECT \(TransmissionRecord.columns) FROM transmission WHERE id = ?", arguments: [.integer(id)])
        ]) { record = TransmissionRecord(row: $0) }
        return record
    }

    /// The countries (REF_AREA) a transmission's observations are for.
    public func areas(ofTransmission id: Int64) throws -> [String] {
        var areas: [String] = []
        try backend.forEachRow([
            SQLStatement(
                sql: """
                    SELECT DISTINCT s.refArea FROM observation o JOIN series s ON s.id = o.seriesID
                    WHERE o.transmissionID = ? AND s.refArea IS NOT NULL ORDER BY s.refArea
                    """, arguments: [.integer(id)])
        ]) { row in row.text(0).map { areas.append($0) } }
        return areas
    }

    private func account(where condition: String, _ arguments: [SQLValue]) throws -> AccountRecord? {
        try accounts(where: condition, arguments).first
    }

    private func accounts(where condition: String, _ arguments: [SQLValue]) throws -> [AccountRecord] {
        var accounts: [AccountRecord] = []
        try backend.forEachRow([
            SQLStatement(
                sql: "SELECT id, name, country, role, tokenHash, created, revoked FROM account WHERE \(condition) "
                    + "ORDER BY id", arguments: arguments)
        ]) { row in
            guard let role = row.text(3).flatMap(AccountRecord.Role.init(rawValue:)) else { return }
            accounts.append(
                AccountRecord(
                    id: row.integer(0) ?? 0, name: row.text(1) ?? "", country: row.text(2) ?? "", role: role,
                    tokenHash: row.text(4) ?? "", created: row.text(5) ?? "", revoked: row.text(6)))
        }
        return accounts
    }
}
