import SDMXModel

/// Writes SDMX-CSV 2.0: `STRUCTURE,STRUCTURE_ID,ACTION` and every component in the structure's order.
public final class SDMXCSVWriter: ObservationWriter {
    private let sink: OutputSink
    private var prefix = ""

    public init(sink: OutputSink) {
        self.sink = sink
    }

    public func begin(structure: ResolvedStructure) throws {
        prefix = (structure.dataflow == nil ? "datastructure," : "dataflow,") + Self.field(structure.name) + ","
        try sink.write(
            "STRUCTURE,STRUCTURE_ID,ACTION," + structure.components.map { Self.field($0.id) }.joined(separator: ",")
                + "\n")
    }

    public func write(_ values: [String], action: String?) throws {
        let code =
            action.map { ["Delete": "D", "Replace": "R", "Merge": "M", "Append": "A", "Information": "I"][$0] ?? $0 }
            ?? "I"
        try sink.write(prefix + code + "," + values.map(Self.field).joined(separator: ",") + "\n")
    }

    public func end() throws {}

    /// Quotes a field holding a separator, a quote or a line break, doubling its quotes.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else {
            return value
        }
        return "\"" + value.replacingQuotes() + "\""
    }
}
