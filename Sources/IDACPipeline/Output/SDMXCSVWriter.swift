import SDMXModel

/// Writes SDMX-CSV 2.0: `STRUCTURE,STRUCTURE_ID,ACTION` and every component in the structure's order.
public final class SDMXCSVWriter: ObservationWriter {
    private var prefix = ""

    public init() {}

    public func begin(structure: ResolvedStructure, into sink: OutputSink) throws {
        prefix = (structure.dataflow == nil ? "datastructure," : "dataflow,") + Self.field(structure.name) + ",I"
        try sink.write("STRUCTURE,STRUCTURE_ID,ACTION," + structure.components.map { Self.field($0.id) }.joined(separator: ",") + "\n")
    }

    public func write(_ values: [String], into sink: OutputSink) throws {
        try sink.write(prefix + "," + values.map(Self.field).joined(separator: ",") + "\n")
    }

    public func end(into sink: OutputSink) throws {}

    /// Quotes a field holding a separator, a quote or a line break, doubling its quotes.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else { return value }
        return "\"" + value.replacingQuotes() + "\""
    }
}

extension String {
    func replacingQuotes() -> String {
        var out = ""
        for character in self { out += character == "\"" ? "\"\"" : String(character) }
        return out
    }

    /// Escaped for an XML attribute value.
    var xmlAttribute: String {
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
