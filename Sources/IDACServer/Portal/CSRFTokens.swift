import Crypto
import Foundation

/// CSRF tokens tied to who sends the form: the HMAC-SHA256, under a key made when the service starts, of
/// the browser's session id once it is signed in, or of its pre-session cookie (`idac_csrf`) on the
/// sign-in form. A token taken from another session, or a cookie and field an attacker set to the same
/// value, is refused; a restart (new key) asks for the page again, as it signs everyone out.
struct CSRFTokens: Sendable {
    /// 256 random bits (kept as bytes: swift-crypto's key type is not `Sendable`).
    private let key: [UInt8] = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }

    /// What a token is bound to: a session, or a browser not signed in.
    enum Binding: Equatable {
        case session(String)
        case browser(String)
    }

    func token(for binding: Binding) -> String {
        let message: String
        switch binding {
        case .session(let id): message = "session:" + id
        case .browser(let id): message = "browser:" + id
        }
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key))
        return Data(code).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `field` is the token of `binding`, compared in constant time.
    func isValid(_ field: String, for binding: Binding) -> Bool {
        RandomToken.equal(token(for: binding), field)
    }
}
