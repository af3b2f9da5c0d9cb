import SDMXInput
import SDMXModel

/// A streaming JSON (RFC 8259) tokenizer: bytes go in chunk by chunk (``feed(_:)``, then ``finish()``)
/// and tokens come out to a ``JSONTokenHandler`` with their line and column, so that no document is
/// ever held whole. It checks the grammar as it goes (a value where a value may stand, keys and colons,
/// commas, matched brackets, one value per document) and bounds what it holds: nesting depth, string
/// and number length (``JSONLimits``). Malformed input is a `MALFORMED_INPUT` error, a broken bound a
/// `LIMIT_EXCEEDED` one, both naming the line and column.
///
/// Strings are decoded (escapes, surrogate pairs; a lone surrogate becomes U+FFFD); a key or string whose
/// bytes are not UTF-8 is told to the handler (``JSONTokenHandler/invalidUTF8(line:column:)``) before it is
/// given, and its bad bytes become U+FFFD when the text is made.
public final class JSONTokenizer {
    private enum Expect: UInt8 {
        case value, valueOrEnd, keyOrEnd, key, colon, commaOrEnd, end
    }

    private enum Scalar: UInt8 {
        case none, string, number, literal
    }

    /// The file's name as errors give it.
    public let file: String
    private let limits: JSONLimits
    private let handler: any JSONTokenHandler
    /// Open containers, `true` for an object.
    private var stack: [Bool] = []
    private var expect = Expect.value
    private var scalar = Scalar.none
    private var isKey = false
    private var buffer: [UInt8] = []
    /// 0 outside an escape; 1 after a backslash; 2...5 reading `\u`'s hex digits.
    private var escape = 0
    private var hex: UInt32 = 0
    private var highSurrogate: UInt32?
    private var line = 1
    /// The absolute offset of the current line's first byte, and of the current chunk's.
    private var lineStart = 0
    private var base = 0
    private var tokenLine = 0
    private var tokenColumn = 0
    private var bomMatched = 0
    /// The bytes of the current string OR-ed together: its UTF-8 is checked only when one is not ASCII.
    private var stringBits: UInt8 = 0
    private var started = false

    /// A tokenizer for one document named `file`, handing its tokens to `handler`.
    public init(file: String, limits: JSONLimits = .default, handler: any JSONTokenHandler) {
        self.file = file
        self.limits = limits
        self.handler = handler
        buffer.reserveCapacity(256)
    }

    /// Tokenizes a whole source, start to end.
    public func tokenize(_ source: any ByteSource) throws {
        try source.forEachChunk { try feed($0) }
        try finish()
    }

    /// Tokenizes the next chunk; a token may run on into the next one. Throws at the first malformed byte or
    /// broken bound; call ``finish()`` after the last chunk.
    public func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        let count = chunk.count
        var index = 0
        while index < count {
            let byte = chunk[index]
            switch scalar {
            case .string:
                index = try string(chunk, from: index)
                continue
            case .number:
                if Self.isNumberByte(byte) {
                    try appendLimited(byte, limit: limits.maxNumberBytes, what: "number", at: index)
                    index += 1
                    continue
                }
                try finishNumber()
            case .literal:
                if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") {
                    try appendLimited(byte, limit: 5, what: "literal", at: index)
                    index += 1
                    continue
                }
                try finishLiteral()
            case .none:
                break
            }
            if !started, bomMatched < 3, byte == Self.bom[bomMatched] {
                bomMatched += 1
                index += 1
                if bomMatched == 3 { lineStart = base + index }
                continue
            }
            if bomMatched > 0, bomMatched < 3 { throw malformed("a broken byte-order mark", at: index) }
            started = true
            try structural(byte, at: index)
            index += 1
        }
        base += count
    }

    /// Ends the document: an unfinished token or open container is an error.
    public func finish() throws {
        switch scalar {
        case .number: try finishNumber()
        case .literal: try finishLiteral()
        case .string: throw malformed(at: tokenLine, tokenColumn, "a string that is never closed (no ending \")")
        case .none: break
        }
        if expect == .end { return }
        if !stack.isEmpty || expect != .value {
            throw malformed(
                at: line, base - lineStart + 1,
                "the JSON ends inside \(stack.count) unclosed object(s) or array(s); the file may be cut short")
        }
        throw malformed(at: line, base - lineStart + 1, "no JSON value: the file is empty")
    }

    // MARK: Outside scalars

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @inline(__always)
    private func structural(_ byte: UInt8, at index: Int) throws {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            return
        case UInt8(ascii: "\n"):
            line += 1
            lineStart = base + index + 1
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try needValue(byte, at: index)
            guard stack.count < limits.maxDepth else {
                throw SDMXError(
                    .limitExceeded, "the JSON nests objects and arrays deeper than \(limits.maxDepth) levels",
                    location: location(at: index))
            }
            let isObject = byte == UInt8(ascii: "{")
            stack.append(isObject)
            expect = isObject ? .keyOrEnd : .valueOrEnd
            try emit(isObject ? .beginObject : .beginArray, at: index)
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            let isObject = byte == UInt8(ascii: "}")
            guard let open = stack.last, open == isObject,
                expect == .commaOrEnd || expect == (isObject ? .keyOrEnd : .valueOrEnd)
            else {
                throw malformed("an unexpected '\(Character(Unicode.Scalar(byte)))'", at: index)
            }
            stack.removeLast()
            try emit(isObject ? .endObject : .endArray, at: index)
            afterValue()
        case UInt8(ascii: ","):
            guard expect == .commaOrEnd, let open = stack.last else { throw malformed("an unexpected ','", at: index) }
            expect = open ? .key : .value
        case UInt8(ascii: ":"):
            guard expect == .colon else { throw malformed("an unexpected ':'", at: index) }
            expect = .value
        case UInt8(ascii: "\""):
            if expect == .key || expect == .keyOrEnd {
                isKey = true
            } else {
                try needValue(byte, at: index)
                isKey = false
            }
            startToken(.string, at: index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try needValue(byte, at: index)
            startToken(.number, at: index)
            buffer.append(byte)
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            try needValue(byte, at: index)
            startToken(.literal, at: index)
            buffer.append(byte)
        default:
            let isKey = expect == .key || expect == .keyOrEnd
            throw malformed(
                isKey
                    ? "\(Self.describe(byte)) where an object's key (a string in double quotes) belongs"
                    : "an unexpected \(Self.describe(byte)) (strings need double quotes)", at: index)
        }
    }

    private func needValue(_ byte: UInt8, at index: Int) throws {
        switch expect {
        case .value, .valueOrEnd: return
        case .key, .keyOrEnd:
            throw malformed(
                "\(Self.describe(byte)) where an object's key (a string in double quotes) belongs", at: index)
        case .colon: throw malformed("\(Self.describe(byte)) where ':' belongs after a key", at: index)
        case .commaOrEnd: throw malformed("\(Self.describe(byte)) where ',' or a closing bracket belongs", at: index)
        case .end: throw malformed("\(Self.describe(byte)) after the end of the JSON value", at: index)
        }
    }

    private func afterValue() {
        expect = stack.isEmpty ? .end : .commaOrEnd
    }

    private func startToken(_ kind: Scalar, at index: Int) {
        scalar = kind
        stringBits = 0
        buffer.removeAll(keepingCapacity: true)
        tokenLine = line
        tokenColumn = base + index - lineStart + 1
    }

    private func emit(_ kind: JSONTokenKind, at index: Int) throws {
        try handler.token(
            kind, UnsafeBufferPointer(start: nil, count: 0), line: line, column: base + index - lineStart + 1)
    }

    private func emitBuffer(_ kind: JSONTokenKind) throws {
        try buffer.withUnsafeBufferPointer { try handler.token(kind, $0, line: tokenLine, column: tokenColumn) }
    }

    // MARK: Scalars

    /// Reads a string's bytes from `start`; returns where reading goes on.
    private func string(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) throws -> Int {
        var index = start
        let count = chunk.count
        while index < count {
            if escape > 0 {
                try escaped(chunk[index], at: index)
                index += 1
                continue
            }
            var end = index
            var bits = stringBits
            while end < count {
                let byte = chunk[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                bits |= byte
                end += 1
            }
            stringBits = bits
            if end > index {
                guard buffer.count + (end - index) <= limits.maxStringBytes else {
                    throw SDMXError(
                        .limitExceeded, "a JSON string longer than \(limits.maxStringBytes) bytes",
                        location: SourceLocation(file: file, line: tokenLine, column: tokenColumn))
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<end]))
                index = end
            }
            guard index < count else { break }
            let byte = chunk[index]
            if byte == UInt8(ascii: "\"") {
                if highSurrogate != nil { appendScalar(0xFFFD) }
                highSurrogate = nil
                scalar = .none
                if stringBits >= 0x80, String(validating: buffer, as: UTF8.self) == nil {
                    try handler.invalidUTF8(line: tokenLine, column: tokenColumn)
                }
                if isKey {
                    try emitBuffer(.key)
                    expect = .colon
                } else {
                    try emitBuffer(.string)
                    afterValue()
                }
                return index + 1
            }
            if byte == UInt8(ascii: "\\") {
                escape = 1
                index += 1
                continue
            }
            throw malformed(
                byte == UInt8(ascii: "\n")
                    ? "a line break inside a string (write it as \\n), or a string never closed"
                    : "a control character (byte \(byte)) inside a string", at: index)
        }
        return index
    }

    private func escaped(_ byte: UInt8, at index: Int) throws {
        if escape == 1 {
            var decoded: UInt8?
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = byte
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
                escape = 2
                hex = 0
                return
            default: throw malformed("an unknown escape \\\(Self.describe(byte)) in a string", at: index)
            }
            if highSurrogate != nil {
                highSurrogate = nil
                appendScalar(0xFFFD)
            }
            escape = 0
            if let decoded { try appendLimited(decoded, limit: limits.maxStringBytes, what: "string", at: index) }
            return
        }
        guard let digit = Self.hexValue(byte) else { throw malformed("a \\u escape with a non-hex digit", at: index) }
        hex = hex << 4 | digit
        escape += 1
        guard escape == 6 else { return }
        escape = 0
        guard buffer.count + 4 <= limits.maxStringBytes else {
            throw SDMXError(
                .limitExceeded, "a JSON string longer than \(limits.maxStringBytes) bytes",
                location: SourceLocation(file: file, line: tokenLine, column: tokenColumn))
        }
        switch hex {
        case 0xD800...0xDBFF:
            if highSurrogate != nil { appendScalar(0xFFFD) }
            highSurrogate = hex
        case 0xDC00...0xDFFF:
            if let high = highSurrogate {
                appendScalar(0x10000 + ((high - 0xD800) << 10) + (hex - 0xDC00))
            } else {
                appendScalar(0xFFFD)
            }
            highSurrogate = nil
        default:
            if highSurrogate != nil { appendScalar(0xFFFD) }
            highSurrogate = nil
            appendScalar(hex)
        }
    }

    private func appendScalar(_ value: UInt32) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        buffer.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [0xEF, 0xBF, 0xBD])
    }

    private func finishNumber() throws {
        scalar = .none
        guard Self.isNumber(buffer) else {
            let text = String(decoding: buffer, as: UTF8.self)
            throw malformed(at: tokenLine, tokenColumn, "'\(text)' is not a JSON number")
        }
        try emitBuffer(.number)
        afterValue()
    }

    private func finishLiteral() throws {
        scalar = .none
        let kind: JSONTokenKind
        switch buffer {
        case Array("true".utf8): kind = .trueValue
        case Array("false".utf8): kind = .falseValue
        case Array("null".utf8): kind = .null
        default:
            throw malformed(
                at: tokenLine, tokenColumn,
                "'\(String(decoding: buffer, as: UTF8.self))' is not a JSON value (strings need double quotes)")
        }
        try emitBuffer(kind)
        afterValue()
    }

    private func appendLimited(_ byte: UInt8, limit: Int, what: String, at index: Int) throws {
        guard buffer.count < limit else {
            throw SDMXError(
                .limitExceeded, "a JSON \(what) longer than \(limit) bytes",
                location: SourceLocation(file: file, line: tokenLine, column: tokenColumn))
        }
        buffer.append(byte)
    }

    // MARK: Helpers

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E")
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            if digits() == 0 { return false }
        }
        return index == bytes.count
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte \(byte)"
    }

    private func location(at index: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: base + index - lineStart + 1)
    }

    private func malformed(_ what: String, at index: Int) -> SDMXError {
        malformed(at: line, base + index - lineStart + 1, "malformed JSON: \(what)")
    }

    private func malformed(at line: Int, _ column: Int, _ message: String) -> SDMXError {
        SDMXError(.malformedInput, message, location: SourceLocation(file: file, line: line, column: column))
    }
}
