/// Escaping for the text formats idac writes.
extension String {
    func replacingQuotes() -> String {
        var out = ""
        for character in self { out += character == "\"" ? "\"\"" : String(character) }
        return out
    }

    /// Whether `Array.append(xmlAttribute:)` would change anything: holds `&`, `<`, `>`, `"`, a tab or a
    /// line break.
    var needsXMLEscaping: Bool {
        utf8.contains(where: {
            $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"")
                || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t")
        })
    }

    /// Escaped for an XML attribute value.
    public var xmlAttribute: String {
        // Most values (codes, numbers, periods) need no escaping: checked byte by byte, copied by nothing.
        guard
            utf8.contains(where: {
                $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                    || $0 == UInt8(ascii: "\"") || $0 < 0x20
            })
        else { return self }
        var out = ""
        // By scalar: a "\r\n" pair is one Character, which would slip through unescaped.
        for character in unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
