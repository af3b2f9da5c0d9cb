import SDMXModel

/// Writes SDMX-CSV: version 2.0 (`STRUCTURE,STRUCTURE_ID,ACTION` and every component in the structure's
/// order) or 1.0 (`DATAFLOW` and the components), which older clients still ask for.
public final class SDMXCSVWriter: ObservationWriter {
    /// Which SDMX-CSV: `v2` (2.0, the default) or `v1` (1.0).
    public enum Version: Sendable { case v1, v2 }

    private let sink: any TextOutput
    private let version: Version
    private var prefix: [UInt8] = []
    /// The line being built, kept between observations for its capacity.
    private var line: [UInt8] = []
    /// Each column's last field as written.
    private var fields = EncodedFields(
        count: 0, needsEncoding: SDMXCSVWriter.needsQuotes, encode: SDMXCSVWriter.appendQuoted)

    /// Makes a writer into `sink`, in SDMX-CSV `version`.
    public init(sink: any TextOutput, version: Version = .v2) {
        self.sink = sink
        self.version = version
    }

    /// See ``ObservationWriter``: writes the header line, the components in the structure's order.
    public func begin(structure: ResolvedStructure) throws {
        let columns = structure.components.map { Self.field($0.id) }.joined(separator: ",")
        fields = EncodedFields(
            count: structure.components.count, needsEncoding: Self.needsQuotes, encode: Self.appendQuoted)
        switch version {
        case .v2:
            let kind = structure.dataflow == nil ? "datastructure," : "dataflow,"
            prefix = Array((kind + Self.field(structure.name) + ",").utf8)
            try sink.write("STRUCTURE,STRUCTURE_ID,ACTION," + columns + "\n")
        case .v1:
            prefix = Array((Self.field(structure.name) + ",").utf8)
            try sink.write("DATAFLOW," + columns + "\n")
        }
    }

    /// See ``ObservationWriter``: writes one line (2.0's ACTION as its one-letter code, `I` when none).
    public func write(_ values: [String], action: String?) throws {
        // Bytes grown in place: mapping the fields and joining them, then a String grown per field, cost a third
        // of an export.
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: prefix)
        if version == .v2 {
            line.append(utf8: action.map { Self.actionCodes[$0] ?? $0 } ?? "I")
            line.append(UInt8(ascii: ","))
        }
        for (position, value) in values.enumerated() {
            if position > 0 { line.append(UInt8(ascii: ",")) }
            fields.append(value, at: position, to: &line)
        }
        line.append(UInt8(ascii: "\n"))
        try sink.write(bytes: line)
    }

    private static let actionCodes = [
        "Delete": "D", "Replace": "R", "Merge": "M", "Append": "A", "Information": "I",
    ]

    /// See ``ObservationWriter``: nothing to close in CSV.
    public func end() throws {}

    /// Appends `value` quoted, its quotes doubled.
    private static func appendQuoted(_ value: String, to line: inout [UInt8]) {
        line.append(utf8: "\"" + value.replacingQuotes() + "\"")
    }

    /// Quotes a field holding a separator, a quote or a line break, doubling its quotes.
    package static func field(_ value: String) -> String {
        guard needsQuotes(value) else { return value }
        return "\"" + value.replacingQuotes() + "\""
    }

    static func needsQuotes(_ value: String) -> Bool {
        value.utf8.contains(where: {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
                || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: ";")
        })
    }
}
