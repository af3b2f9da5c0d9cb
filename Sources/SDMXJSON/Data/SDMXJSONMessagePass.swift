import SDMXModel

/// One pass over an SDMX-JSON data message: routes the tokens of its sections. The first pass keeps
/// the `meta` (2.0) or `header` (1.0) and the `structure`/`structures` sections as small trees and
/// surveys the datasets; the second hands the `dataSets` tokens to the streaming reader and skips the rest.
final class SDMXJSONMessagePass: JSONTokenHandler {
    private enum Target {
        case none, skip, dataSets
        case tree(JSONTreeBuilder, Section)
    }

    private enum Section { case header, structure, structures }

    /// Members of the structure sections never looked at: left out to keep the trees small.
    private static let unread: Set<String> = [
        "names", "description", "descriptions", "annotations", "start", "end", "parent", "order", "format",
        "roles", "role", "title", "titles", "keyPosition", "isMandatory", "relationship", "default",
    ]

    private let file: String
    let dataSets: SDMXJSONDataSets
    private var budget: Int
    private var level = 0
    private var pendingKey: String?
    private var target = Target.none
    private var depth = 0
    private(set) var header: JSONValue?
    private(set) var structures: [JSONValue] = []
    private(set) var sawDataSets = false
    /// Where the first text that is not UTF-8 outside the datasets is (surveying), and how many there are;
    /// the datasets' own are reported by the second pass where they are.
    private(set) var invalidText: (position: DataPosition, count: Int)?

    init(file: String, dataSets: SDMXJSONDataSets, limits: JSONLimits) {
        self.file = file
        self.dataSets = dataSets
        budget = limits.maxStructureValues
    }

    func invalidUTF8(line: Int, column: Int) throws {
        if case .dataSets = target {
            if dataSets.mode == .stream { dataSets.invalidUTF8(line: line, column: column) }
        } else if dataSets.mode == .survey {
            invalidText = (
                invalidText?.position ?? DataPosition(line: line, column: column), (invalidText?.count ?? 0) + 1
            )
        }
    }

    func token(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws {
        if case .none = target {
            try route(kind, bytes, line: line, column: column)
        } else {
            try forward(kind, bytes, line: line, column: column)
        }
    }

    private func route(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws {
        switch kind {
        case .key:
            pendingKey = String(decoding: bytes, as: UTF8.self)
            return
        case .endObject:
            level -= 1
            return
        default:
            break
        }
        guard level > 0 else {
            guard kind == .beginObject else {
                throw SDMXError(
                    .unsupportedFormat, "the JSON is not an object, so not an SDMX-JSON data message",
                    location: SourceLocation(file: file, line: line, column: column))
            }
            level = 1
            return
        }
        let key = pendingKey ?? ""
        pendingKey = nil
        if level == 1, key == "data", kind == .beginObject {
            level = 2
            return
        }
        switch key {
        case "meta" where level == 1 && dataSets.mode == .survey, "header" where level == 1 && dataSets.mode == .survey:
            target = .tree(JSONTreeBuilder(), .header)
        case "structure" where dataSets.mode == .survey:
            target = .tree(JSONTreeBuilder(skipping: Self.unread), .structure)
        case "structures" where dataSets.mode == .survey:
            target = .tree(JSONTreeBuilder(skipping: Self.unread), .structures)
        case "dataSets":
            sawDataSets = true
            target = .dataSets
        default:
            target = .skip
        }
        depth = 0
        try forward(kind, bytes, line: line, column: column)
    }

    private func forward(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws {
        switch kind {
        case .beginObject, .beginArray: depth += 1
        case .endObject, .endArray: depth -= 1
        default: break
        }
        switch target {
        case .none, .skip:
            break
        case .dataSets:
            try dataSets.take(kind, bytes, line: line, column: column)
        case .tree(let builder, let section):
            guard builder.take(kind, bytes, budget: &budget) else {
                throw SDMXError(
                    .limitExceeded,
                    "the message's header and structure sections hold more values than the reader keeps; "
                        + "they list the codes and periods the data use, so this is no ordinary message",
                    location: SourceLocation(file: file, line: line, column: column))
            }
            if depth == 0, kind != .key, let result = builder.result {
                switch section {
                case .header: header = result
                case .structure: structures = [result]
                case .structures: structures = result.array
                }
            }
        }
        if depth == 0, kind != .key { target = .none }
    }
}
