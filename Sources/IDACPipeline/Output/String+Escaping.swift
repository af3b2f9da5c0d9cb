/// Escaping for the text formats idac writes.
extension String {
    func replacingQuotes() -> String {
        var out = ""
        for character in self { out += character == "\"" ? "\"\"" : String(character) }
        return out
    }

    /// Escaped for an XML attribute value.
    public var xmlAttribute: String {
        var out = ""
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.append(character)
            }
        }
        return out
    }
}
