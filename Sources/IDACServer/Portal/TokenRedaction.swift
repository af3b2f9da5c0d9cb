import Foundation

/// Keeps tokens out of logs: anything that looks like an idac token (`idac_` and base64url) in a logged
/// request line is replaced by `idac_…`. Tokens travel in headers and forms, never in URLs, but a
/// client may put one there by mistake.
enum TokenRedaction {
    static func redact(_ text: String) -> String {
        // A token percent-encoded in a query (`idac%5F…`, `%69dac_…`) is still a token: redact it decoded.
        if !text.contains("idac_"), let decoded = text.removingPercentEncoding, decoded.contains("idac_") {
            return redact(decoded)
        }
        guard text.contains("idac_") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "idac_") {
            out += rest[..<range.upperBound]
            out += "…"
            rest = rest[range.upperBound...].drop { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }
        return out + rest
    }
}
