import IDACSubmission
import AllianceRepository
import Crypto
import Foundation

/// Portal tokens: 256 random bits from the system's secure generator, shown once; the repository keeps
/// only their SHA-256 (swift-crypto), and a presented token is checked by its digest, compared in
/// constant time.
public enum AccountToken {
    /// What every token starts with, so that a leaked one is recognisable (and greppable) as idac's.
    static let prefix = "idac_"

    /// A new token: `idac_` and 32 random bytes in base64url (43 characters).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    /// The SHA-256 of a token, as 64 hex digits: what the repository keeps.
    public static func digest(of token: String) -> String {
        Crypto.SHA256.hash(data: Data(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether a presented token is the one whose digest was kept, in time that does not depend on
    /// where the two differ.
    public static func matches(_ token: String, digest kept: String) -> Bool {
        let presented = Array(digest(of: token).utf8)
        let stored = Array(kept.utf8)
        guard presented.count == stored.count else { return false }
        var difference: UInt8 = 0
        for index in presented.indices { difference |= presented[index] ^ stored[index] }
        return difference == 0
    }

    /// The active account a token belongs to, or nil (no such token, a revoked account, or something
    /// that is not a token at all). Tokens longer than 256 bytes are not looked up.
    public static func account(for token: String, in repository: AllianceRepository) throws -> AccountRecord? {
        guard token.hasPrefix(prefix), token.utf8.count <= 256 else { return nil }
        guard let account = try repository.account(tokenHash: digest(of: token)),
            matches(token, digest: account.tokenHash), account.isActive
        else { return nil }
        return account
    }
}
