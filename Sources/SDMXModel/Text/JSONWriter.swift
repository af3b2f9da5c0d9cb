/// Writes JSON with keys in the order given, so reports read the same every time.
public struct JSONWriter {
    /// The JSON written so far.
    public private(set) var output = ""

    /// Makes a writer with nothing written.
    public init() {}

    /// A JSON value to write; objects are lists of pairs, not dictionaries, so that their keys keep the order given.
    public enum Value {
        /// A string, quoted and escaped; nil writes `null`.
        case string(String?)
        /// A whole number; nil writes `null`.
        case int(Int?)
        /// `true` or `false`.
        case bool(Bool)
        /// An object whose members are written in the order given.
        case object([(String, Value)])
        /// An array.
        case array([Value])
        /// Text written as it is, for JSON made elsewhere (a number already formatted); the caller answers for its
        /// validity.
        case raw(String)
    }

    /// The JSON of `value`: pretty (two spaces per level, starting at `indent` levels) or on one line.
    public static func encode(_ value: Value, indent: Int = 0, pretty: Bool = true) -> String {
        var writer = JSONWriter()
        writer.write(value, indent: indent, pretty: pretty)
        return writer.output
    }

    mutating func write(_ value: Value, indent: Int, pretty: Bool) {
        let newline = pretty ? "\n" : ""
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        switch value {
        case .string(let text):
            output += text.map(Self.quote) ?? "null"
        case .int(let number):
            output += number.map(String.init) ?? "null"
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .raw(let text):
            output += text
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{" + newline
            for (index, member) in members.enumerated() {
                output += pad + Self.quote(member.0) + (pretty ? ": " : ":")
                write(member.1, indent: indent + 1, pretty: pretty)
                output += (index < members.count - 1 ? "," : "") + newline
            }
            output += closePad + "}"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[" + newline
            for (index, item) in items.enumerated() {
                output += pad
                write(item, indent: indent + 1, pretty: pretty)
                output += (index < items.count - 1 ? "," : "") + newline
            }
            output += closePad + "]"
        }
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped, everything else as it is.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
