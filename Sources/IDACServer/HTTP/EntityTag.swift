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
        // Hex by hand: `String(format:)` per byte cost a twentieth of a small data answer.
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\"")]
        for byte in hash.finalize().prefix(16) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        text.append(UInt8(ascii: "\""))
        return String(decoding: text, as: UTF8.self)
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
