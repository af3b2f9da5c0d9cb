/// A portal account: a national office (one country) or the Secretariat. The token itself is never kept,
/// only its SHA-256 (hex), so a copy of the repository gives no one a way in.
public struct AccountRecord: Sendable, Hashable {
    /// What an account may do; stored as its raw value in the `role` column.
    public enum Role: String, Sendable, CaseIterable {
        /// Submits, and sees the transmissions, of its own country only.
        case office
        /// Sees everything: every country's transmissions, the status and the gaps.
        case secretariat
    }

    /// The account's number, given by the repository when the account is added
    /// (``AllianceRepository/addAccount(name:country:role:tokenHash:)``).
    public var id: Int64
    /// The name `idac users` knows it by, unique among accounts, revoked ones included.
    public var name: String
    /// The ISO 3166-1 alpha-3 code of the office's country (REF_AREA).
    public var country: String
    /// Whether it sees its own country's transmissions or everyone's.
    public var role: Role
    /// The SHA-256 of the token, as 64 hex digits.
    public var tokenHash: String
    /// When the account was added, in the repository's form (``RepositoryInstant``).
    public var created: String
    /// When the account was revoked; a revoked account's token is refused.
    public var revoked: String?

    /// Whether its token is still accepted: true until the account is revoked.
    public var isActive: Bool { revoked == nil }

    /// A record as the repository reads it back; accounts are made with
    /// ``AllianceRepository/addAccount(name:country:role:tokenHash:)``.
    public init(
        id: Int64, name: String, country: String, role: Role, tokenHash: String, created: String, revoked: String?
    ) {
        self.id = id
        self.name = name
        self.country = country
        self.role = role
        self.tokenHash = tokenHash
        self.created = created
        self.revoked = revoked
    }

    /// The values of `INSERT INTO account (id, name, country, role, tokenHash, created, revoked)`, in order.
    var rowValues: [SQLValue] {
        [
            .integer(id), .text(name), .text(country), .text(role.rawValue), .text(tokenHash), .text(created),
            SQLValue(revoked),
        ]
    }
}
