/// A streaming reader of `multipart/form-data` (RFC 7578): bytes go in as they arrive, parts come out
/// as a start (the field's name and file name), their bytes, and an end. It holds at most one part's
/// header block (8 KB) or a delimiter's length of bytes, whatever the parts' sizes.
struct MultipartReader {
    enum Event {
        case start(name: String, fileName: String?)
        case bytes(ArraySlice<UInt8>)
        case end
    }

    struct Malformed: Error {
        var message: String
    }

    /// Limits: a part's header block, and parts in one body.
    static let maximumHeaderBytes = 8192
    static let maximumParts = 32

    private enum State {
        case preamble
        case afterDelimiter
        case headers
        case body
        case epilogue
    }

    private let delimiter: [UInt8]
    private var buffer: [UInt8]
    private var state = State.preamble
    private var parts = 0

    /// A reader for the boundary a `Content-Type` names, or nil when it is not multipart/form-data
    /// with a boundary of 1 to 70 characters.
    init?(contentType: String) {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let kind = pieces.first, kind.lowercased() == "multipart/form-data" else { return nil }
        guard
            let parameter = pieces.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") })
        else { return nil }
        var boundary = String(parameter.dropFirst("boundary=".count))
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 {
            boundary = String(boundary.dropFirst().dropLast())
        }
        guard (1...70).contains(boundary.utf8.count) else { return nil }
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first boundary may open the body: read as if a line break came before it.
        buffer = [13, 10]
    }

    static func isMultipart(_ contentType: String?) -> Bool {
        contentType?.lowercased().hasPrefix("multipart/") ?? false
    }

    /// Reads more of the body.
    mutating func feed(_ bytes: some Collection<UInt8>, _ emit: (Event) throws -> Void) throws {
        if state == .epilogue { return }
        buffer.append(contentsOf: bytes)
        var start = 0
        defer { buffer.removeFirst(start) }
        while true {
            switch state {
            case .preamble, .body:
                if let found = Self.find(delimiter, in: buffer, from: start) {
                    if state == .body {
                        if found > start { try emit(.bytes(buffer[start..<found])) }
                        try emit(.end)
                    }
                    start = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Keep what could be the start of a delimiter split across two reads.
                    let keep = min(buffer.count - start, delimiter.count - 1)
                    let end = buffer.count - keep
                    if state == .body, end > start { try emit(.bytes(buffer[start..<end])) }
                    start = end
                    return
                }
            case .afterDelimiter:
                guard buffer.count - start >= 2 else { return }
                let next = (buffer[start], buffer[start + 1])
                if next == (45, 45) {  // "--": the closing boundary
                    state = .epilogue
                    start = buffer.count
                    return
                }
                guard next == (13, 10) else { throw Malformed(message: "a boundary is not followed by a line break") }
                start += 2
                state = .headers
            case .headers:
                guard let found = Self.find([13, 10, 13, 10], in: buffer, from: start) else {
                    if buffer.count - start > Self.maximumHeaderBytes {
                        throw Malformed(message: "a part's headers are longer than 8 KB")
                    }
                    return
                }
                guard found - start <= Self.maximumHeaderBytes else {
                    throw Malformed(message: "a part's headers are longer than 8 KB")
                }
                parts += 1
                guard parts <= Self.maximumParts else {
                    throw Malformed(message: "more than \(Self.maximumParts) parts")
                }
                let (name, fileName) = try Self.disposition(String(decoding: buffer[start..<found], as: UTF8.self))
                try emit(.start(name: name, fileName: fileName))
                start = found + 4
                state = .body
            case .epilogue:
                return
            }
        }
    }

    /// Checks that the body ended with its closing boundary.
    func finish() throws {
        guard state == .epilogue else {
            throw Malformed(message: "the multipart body ends before its closing boundary")
        }
    }

    /// The field name and file name of a part's `Content-Disposition: form-data; name="…"; filename="…"`.
    static func disposition(_ headers: String) throws -> (name: String, fileName: String?) {
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            var name: String?
            var fileName: String?
            for parameter in Self.parameters(String(line[line.index(after: colon)...])) {
                switch parameter.key.lowercased() {
                case "name": name = parameter.value
                case "filename": fileName = parameter.value
                default: break
                }
            }
            guard let name else { break }
            return (name, fileName)
        }
        throw Malformed(message: "a part has no Content-Disposition with a name")
    }

    /// `key=value` and `key="value"` parameters after the first `;`, quotes honouring `\"`.
    private static func parameters(_ text: String) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        var rest = Substring(text)
        guard let first = rest.firstIndex(of: ";") else { return [] }
        rest = rest[rest.index(after: first)...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == ";" }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        value.append(character)
                    }
                }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            result.append((key, value))
        }
        return result
    }

    /// The first place `needle` occurs in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count - from >= needle.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
