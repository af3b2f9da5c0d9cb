import Foundation
import Synchronization

/// Signed-in browsers: a random session id (256 bits, in an `HttpOnly`, `SameSite=Strict` cookie) for
/// an account, kept in memory for 8 hours (a restart signs everyone out). At most 10 000 at once: the
/// oldest go first.
final class SessionStore: Sendable {
    struct Session {
        var accountID: Int64
        var expires: ContinuousClock.Instant
    }

    static let lifetime = Duration.seconds(8 * 3600)
    static let capacity = 10_000
    private let sessions = Mutex<[String: Session]>([:])

    func open(accountID: Int64) -> String {
        let id = RandomToken.make()
        let now = ContinuousClock.now
        sessions.withLock { sessions in
            if sessions.count >= Self.capacity {
                sessions = sessions.filter { $0.value.expires > now }
                if sessions.count >= Self.capacity,
                    let oldest = sessions.min(by: { $0.value.expires < $1.value.expires })
                {
                    sessions.removeValue(forKey: oldest.key)
                }
            }
            sessions[id] = Session(accountID: accountID, expires: now + Self.lifetime)
        }
        return id
    }

    func accountID(session id: String) -> Int64? {
        sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard session.expires > .now else {
                sessions.removeValue(forKey: id)
                return nil
            }
            return session.accountID
        }
    }

    func close(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }
}

/// 256 random bits from the system's secure generator, as base64url: session ids and CSRF tokens.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether two tokens are equal, in time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count, !left.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
