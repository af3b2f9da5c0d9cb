import SDMXModel

/// Writes SDMX-CSV: version 2.0 (`STRUCTURE,STRUCTURE_ID,ACTION` and every component in the structure's
/// order) or 1.0 (`DATAFLOW` and the components), which older clients still ask for.
public final class SDMXCSVWriter: ObservationWriter {
    /// Which SDMX-CSV: `v2` (2.0, the default) or `v1` (1.0).
    public enum Version: Sendable { case v1, v2 }

    private let sink: any TextOutput
    private let version: Version
    private var prefix = ""

    /// Makes a writer into `sink`, in SDMX-CSV `version`.
    public init(sink: any TextOutput, version: Version = .v2) {
        self.sink = sink
        self.version = version
    }

    /// See ``ObservationWriter``: writes the header line, the components in the structure's order.
    public func begin(structure: ResolvedStructure) throws {
        let columns = structure.components.map { Self.field($0.id) }.joined(separator: ",")
        switch version {
        case .v2:
            prefix = (structure.dataflow == nil ? "datastructure," : "dataflow,") + Self.field(structure.name) + ","
            try sink.write("STRUCTURE,STRUCTURE_ID,ACTION," + columns + "\n")
        case .v1:
            prefix = Self.field(structure.name) + ","
            try sink.write("DATAFLOW," + columns + "\n")
        }
    }

    /// See ``ObservationWriter``: writes one line (2.0's ACTION as its one-letter code, `I` when none).
    public func write(_ values: [String], action: String?) throws {
        // One string grown in place: mapping the fields and joining them cost a third of an export.
        var line = prefix
        if version == .v2 {
            line += action.map { Self.actionCodes[$0] ?? $0 } ?? "I"
            line += ","
        }
        for (position, value) in values.enumerated() {
            if position > 0 { line += "," }
            line += Self.field(value)
        }
        line += "\n"
        try sink.write(line)
    }

    private static let actionCodes = [
        "Delete": "D", "Replace": "R", "Merge": "M", "Append": "A", "Information": "I",
    ]

    /// See ``ObservationWriter``: nothing to close in CSV.
    public func end() throws {}

    /// Quotes a field holding a separator, a quote or a line break, doubling its quotes.
    package static func field(_ value: String) -> String {
        guard
            value.utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
                    || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: ";")
            })
        else {
            return value
        }
        return "\"" + value.replacingQuotes() + "\""
    }
}
