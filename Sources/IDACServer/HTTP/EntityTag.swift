import Foundation
import Crypto
import Hummingbird

/// Validators for conditional requests (`If-None-Match`): an answer's entity tag is a digest of what
/// determines it, so a client that has it gets 304 and no body.
enum EntityTag {
    /// A strong tag over the given parts (the answer's bytes, or the repository's state and the query).
    static func of(_ parts: [String]) -> String {
        var hash = Crypto.SHA256()
        for part in parts {
            hash.update(data: Array(part.utf8))
            hash.update(data: [0])
        }
        return "\"" + hash.finalize().prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// Whether `If-None-Match` names this tag (or `*`).
    static func matches(_ tag: String, ifNoneMatch: String?) -> Bool {
        guard let header = ifNoneMatch else { return false }
        return header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
        }
    }

    /// 304 Not Modified with the headers the full answer would have had.
    static func notModified(tag: String, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.eTag] = tag
        headers[.contentLength] = nil
        return Response(status: .notModified, headers: headers)
    }
}
