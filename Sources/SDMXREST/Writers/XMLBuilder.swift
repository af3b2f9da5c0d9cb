/// Builds XML text with two-space indentation, escaping every attribute value and text it is given, so a
/// name with `<`, `&` or quotes cannot break the markup.
struct XMLBuilder {
    private(set) var text = ""
    /// The names of the elements opened and not yet ended, innermost last.
    private var open: [String] = []

    init(declaration: Bool = true) {
        if declaration { text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
    }

    /// Opens an element; `attributes` with a `nil` value are left out.
    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        indent()
        text += "<" + name
        append(attributes)
        text += ">\n"
        open.append(name)
    }

    mutating func end() {
        guard let name = open.popLast() else { return }
        indent()
        text += "</" + name + ">\n"
    }

    /// An element with no content.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        indent()
        text += "<" + name
        append(attributes)
        text += "/>\n"
    }

    /// An element holding text, written as is (no added whitespace) so that it reads back equal.
    mutating func leaf(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text value: String) {
        indent()
        text += "<" + name
        append(attributes)
        text += ">" + Self.escape(value, quotes: false) + "</" + name + ">\n"
    }

    private mutating func append(_ attributes: KeyValuePairs<String, String?>) {
        for (name, value) in attributes {
            guard let value else { continue }
            text += " " + name + "=\"" + Self.escape(value, quotes: true) + "\""
        }
    }

    private mutating func indent() {
        text += String(repeating: "  ", count: open.count)
    }

    /// Escapes markup characters; drops characters XML 1.0 cannot carry at all (C0 controls but tab and line
    /// breaks, U+FFFE/U+FFFF), which no SDMX text needs. In attributes, line breaks and tabs become character
    /// references so that they survive attribute normalisation.
    static func escape(_ value: String, quotes: Bool) -> String {
        guard value.unicodeScalars.contains(where: needsWork) else { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "\n" where quotes: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where quotes: result += "&#9;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar == "&" || scalar == "<" || scalar == ">" || scalar == "\""
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
