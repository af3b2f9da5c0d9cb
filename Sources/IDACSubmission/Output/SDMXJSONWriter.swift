import SDMXModel

/// Writes an SDMX-JSON 2.0.0 data message (`application/vnd.sdmx.data+json;version=2.0.0`) as observations
/// arrive, in one of the shapes of ``SDMXMLWriter``: series keyed by the dimensions with TIME_PERIOD at
/// the observation (observations in key order, as the repository yields them), series keyed by the other
/// dimensions and the time with another dimension at the observation (rows ordered by ``ObservationSorter``),
/// or flat (`AllDimensions`).
///
/// Memory stays flat: SDMX-JSON refers to dimension and attribute values by their index in the `values` list
/// of the message's `structures`, and those lists cannot be known before the data has gone by (time periods
/// and uncoded attributes have no code list). So the writer numbers each distinct value as it first meets it,
/// streams `dataSets` at once, and writes `structures` with the value lists *after* them: members of a JSON
/// object are unordered (RFC 8259), the official schema allows it, and readers that load the whole message
/// (as pysdmx and sdmx1 do) see no difference. It holds only the distinct values, never the observations,
/// and refuses an answer with more than ``maximumDistinctValues`` of them.
public final class SDMXJSONWriter: ObservationWriter {
    /// The most distinct dimension and attribute values one message may number.
    public static let maximumDistinctValues = 500_000

    private let sink: any TextOutput
    private let shape: SDMXMLWriter.Shape
    private let messageID: String
    private let prepared: String
    private var structure: ResolvedStructure?
    /// Components numbered per series key, and per observation (time, or every dimension when flat).
    private var seriesDimensions: [Int] = []
    private var observationDimensions: [Int] = []
    private var seriesAttributes: [Int] = []
    private var observationAttributes: [Int] = []
    /// Per component index: its distinct values in order of first appearance, and their numbers.
    private var values: [[String]] = []
    private var numbers: [[String: Int]] = []
    private var distinct = 0
    private var dataSets = 0
    private var openAction: String?
    private var openSeries: [String]?
    private var firstInContainer = true

    /// Makes a writer into `sink`, in `shape`, its message's `meta` carrying `messageID` and `prepared` (an ISO 8601
    /// date-time).
    public init(
        sink: any TextOutput, shape: SDMXMLWriter.Shape = .timeSeries, messageID: String = "IDAC-EXPORT",
        prepared: String
    ) {
        self.sink = sink
        self.shape = shape
        self.messageID = messageID
        self.prepared = prepared
    }

    static let schema =
        "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/"
        + "sdmx-json-data-schema.json"

    /// See ``ObservationWriter``: opens the message and its `meta`.
    public func begin(structure: ResolvedStructure) throws {
        self.structure = structure
        let layout = SeriesLayout(structure: structure, shape: shape)
        seriesDimensions = layout.seriesDimensions
        observationDimensions = layout.observationDimensions
        seriesAttributes = layout.seriesAttributes
        observationAttributes = layout.observationAttributes
        values = Array(repeating: [], count: structure.components.count)
        numbers = Array(repeating: [:], count: structure.components.count)
        let meta = JSONWriter.encode(
            .object([
                ("schema", .string(Self.schema)), ("id", .string(messageID)), ("test", .bool(false)),
                ("prepared", .string(prepared)), ("contentLanguages", .array([.string("en")])),
                ("sender", .object([("id", .string("IDAC"))])),
            ]), pretty: false)
        try sink.write("{\"meta\":" + meta + ",\"data\":{\"dataSets\":[")
    }

    /// See ``ObservationWriter``: writes the observation, numbering its values as they first appear (a dataset is
    /// opened whenever the action changes).
    public func write(_ row: [String], action: String?) throws {
        guard let structure else { return }
        let action = Self.actionName(action)
        var out = ""
        if action != openAction {
            out += closeDataSet()
            out += dataSets == 0 ? "" : ","
            out += "\n{\"structure\":0,\"action\":\(JSONWriter.quote(action)),"
            out += "\"links\":[{\"rel\":\"structure\",\"urn\":\(JSONWriter.quote(Self.urn(of: structure)))}],"
            out += shape != .flat ? "\"series\":{" : "\"observations\":{"
            dataSets += 1
            openAction = action
            firstInContainer = true
        }
        if shape != .flat {
            let key = seriesDimensions.map { row[$0] }
            if key != openSeries {
                if openSeries != nil { out += "}}" }
                out += firstInContainer ? "\n" : ",\n"
                firstInContainer = false
                out += JSONWriter.quote(try keyText(seriesDimensions, row)) + ":{"
                if !seriesAttributes.isEmpty {
                    out += "\"attributes\":[" + (try attributeNumbers(seriesAttributes, row)) + "],"
                }
                out += "\"observations\":{"
                openSeries = key
            } else {
                out += ","
            }
        } else {
            out += firstInContainer ? "\n" : ",\n"
            firstInContainer = false
        }
        out += JSONWriter.quote(try keyText(observationDimensions, row)) + ":["
        var items = structure.measureIndices.map { Self.measure(row[$0]) }
        if !observationAttributes.isEmpty { items.append(try attributeNumbers(observationAttributes, row)) }
        out += items.joined(separator: ",") + "]"
        try sink.write(out)
    }

    /// See ``ObservationWriter``: closes the datasets and writes the structure part, which lists every value numbered.
    public func end() throws {
        guard let structure else { return }
        var out = closeDataSet() + "],\n\"structures\":[{"
        out += "\"links\":[{\"rel\":\"structure\",\"urn\":\(JSONWriter.quote(Self.urn(of: structure)))}],"
        out += "\"name\":\(JSONWriter.quote(structure.name)),"
        if dataSets > 0 {
            out += "\"dataSets\":[" + (0..<dataSets).map(String.init).joined(separator: ",") + "],"
        }
        let dimensions: [(String, JSONWriter.Value)] = [
            ("dataSet", .array([])), ("series", .array(seriesDimensions.map { dimension($0, structure) })),
            ("observation", .array(observationDimensions.map { dimension($0, structure) })),
        ]
        let attributes: [(String, JSONWriter.Value)] = [
            ("dataSet", .array([])), ("series", .array(seriesAttributes.map { attribute($0, structure) })),
            ("observation", .array(observationAttributes.map { attribute($0, structure) })),
        ]
        let measures: [JSONWriter.Value] = structure.measureIndices.map { index in
            let component = structure.components[index]
            return .object([("id", .string(component.id)), ("name", .string(component.conceptName))])
        }
        out += "\"dimensions\":" + JSONWriter.encode(.object(dimensions), pretty: false)
        out += ",\"attributes\":" + JSONWriter.encode(.object(attributes), pretty: false)
        out += ",\"measures\":" + JSONWriter.encode(.object([("observation", .array(measures))]), pretty: false)
        out += "}]}}\n"
        try sink.write(out)
    }

    private func closeDataSet() -> String {
        guard openAction != nil else { return "" }
        var out = shape != .flat && openSeries != nil ? "}}" : ""
        out += "}}"
        openSeries = nil
        openAction = nil
        return out
    }

    // MARK: Numbering values

    private func number(_ value: String, component: Int) throws -> Int {
        if let known = numbers[component][value] { return known }
        distinct += 1
        guard distinct <= Self.maximumDistinctValues else {
            throw SDMXError(
                .limitExceeded,
                "the answer holds more than \(Self.maximumDistinctValues) distinct dimension and attribute values, "
                    + "the most an SDMX-JSON message is written with; narrow the query or ask for SDMX-CSV")
        }
        let next = values[component].count
        values[component].append(value)
        numbers[component][value] = next
        return next
    }

    private func keyText(_ indices: [Int], _ row: [String]) throws -> String {
        var parts: [String] = []
        parts.reserveCapacity(indices.count)
        for index in indices { parts.append(String(try number(row[index], component: index))) }
        return parts.joined(separator: ":")
    }

    private func attributeNumbers(_ indices: [Int], _ row: [String]) throws -> String {
        var parts: [String] = []
        parts.reserveCapacity(indices.count)
        for index in indices {
            parts.append(row[index].isEmpty ? "null" : String(try number(row[index], component: index)))
        }
        return parts.joined(separator: ",")
    }

    // MARK: Structure

    private func dimension(_ index: Int, _ structure: ResolvedStructure) -> JSONWriter.Value {
        let component = structure.components[index]
        return .object([
            ("id", .string(component.id)), ("name", .string(component.conceptName)), ("keyPosition", .int(index)),
            ("values", .array(values[index].map { valueEntry($0, codelist: component.codelist) })),
        ])
    }

    private func attribute(_ index: Int, _ structure: ResolvedStructure) -> JSONWriter.Value {
        let component = structure.components[index]
        var relationship: JSONWriter.Value = .object([("observation", .object([]))])
        if case .attribute(_, let attachment) = component.role {
            switch attachment {
            case .dataSet:
                relationship = .object([("dataflow", .object([]))])
            case .dimensions(let ids):
                relationship = .object([("dimensions", .array(ids.map { .string($0) }))])
            case .group:
                // Written with each series, so related to all its dimensions.
                let ids = structure.dimensionIndices.map { JSONWriter.Value.string(structure.components[$0].id) }
                relationship = .object([("dimensions", .array(ids))])
            case .observation:
                break
            }
        }
        var members: [(String, JSONWriter.Value)] = [
            ("id", .string(component.id)), ("name", .string(component.conceptName)),
            ("relationship", relationship),
        ]
        if case .attribute(let status, _) = component.role {
            members.append(("isMandatory", .bool(status == .mandatory)))
        }
        if !values[index].isEmpty {
            members.append(("values", .array(values[index].map { valueEntry($0, codelist: component.codelist) })))
        }
        return .object(members)
    }

    /// A coded value as `{"id", "name"}` (the code's name), anything else as `{"value"}`.
    private func valueEntry(_ value: String, codelist: Codelist?) -> JSONWriter.Value {
        if let code = codelist?.code(value) {
            return .object([("id", .string(value)), ("name", .string(code.name))])
        }
        let isID = !value.isEmpty && value.utf8.allSatisfy { Self.idBytes.contains($0) }
        return isID
            ? .object([("id", .string(value)), ("name", .string(value))]) : .object([("value", .string(value))])
    }

    private static let idBytes = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@$-".utf8))

    // MARK: Values

    /// A measure as a JSON number where its text is one, else as a string; absent as null.
    static func measure(_ value: String) -> String {
        if value.isEmpty { return "null" }
        return isJSONNumber(value) ? value : JSONWriter.quote(value)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, byte >= 0x30, byte <= 0x39 {
                bytes.removeFirst()
                count += 1
            }
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes.removeFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes.removeFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }

    /// The dataset action as SDMX-JSON names it (it has no Merge: a merge is written as Replace).
    static func actionName(_ action: String?) -> String {
        switch action {
        case "D", "Delete": "Delete"
        case "A", "Append": "Append"
        case "R", "Replace", "M", "Merge": "Replace"
        default: "Information"
        }
    }

    static func urn(of structure: ResolvedStructure) -> String {
        let reference = structure.dataflow?.reference ?? structure.dataStructure.reference
        let className = structure.dataflow == nil ? "DataStructure" : "Dataflow"
        return "urn:sdmx:org.sdmx.infomodel.datastructure.\(className)=\(reference.agencyID):\(reference.id)"
            + "(\(reference.version ?? "1.0"))"
    }
}
