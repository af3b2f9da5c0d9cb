import SDMXModel

/// Routes the tokens of an SDMX-JSON structure message: each artefact of `data.<kind>` is built as a
/// tree (its budget of values renewed per artefact) and decoded when it ends; a code list's codes (and a
/// value list's items) are built one at a time and decoded as each ends, so a list of a million codes is
/// never a tree. `meta` and anything outside `data` are read past.
final class SDMXJSONStructurePass: JSONTokenHandler {
    private enum Place {
        /// Before the root object; in it; inside `data`; inside one of its arrays of artefacts.
        case document, root, data, container
    }

    /// Members no decoder looks at, left out of the trees.
    private static let unread: Set<String> = ["description", "descriptions", "annotations"]
    private static let unreadInItems: Set<String> = ["description", "descriptions", "annotations", "links"]

    private let file: String
    private let limits: JSONLimits
    private var decoder: SDMXJSONStructureDecoder
    private var place = Place.document
    private var pendingKey = ""
    private var container = ""
    private var skipDepth = 0
    private var sawData = false
    /// The artefact being read: its tree, depth (1 inside its object), start and value budget.
    private var artefact: JSONTreeBuilder?
    private var depth = 0
    private var start = SourceLocation(file: "", line: 0, column: 0)
    private var budget = 0
    /// A member of the artefact's object whose key is held until its value shows whether it is streamed.
    private var artefactKey: String?
    private var streamingItems = false
    private var item: JSONTreeBuilder?
    private var itemStart = SourceLocation(file: "", line: 0, column: 0)
    private var itemBudget = 0

    init(file: String, limits: JSONLimits) {
        self.file = file
        self.limits = limits
        decoder = SDMXJSONStructureDecoder(source: file)
    }

    func finish() throws -> StructureMessage {
        guard sawData else {
            throw SDMXError(
                .invalidStructure,
                "\(file) is not an SDMX-JSON structure message: it has no \"data\" object holding artefacts "
                    + "(codelists, conceptSchemes, dataStructures, dataflows…)",
                location: SourceLocation(file: file, line: 1, column: 1))
        }
        return decoder.message
    }

    /// A structure's text is codes and names that data are checked against: text that is not UTF-8 is
    /// refused, as the SDMX-ML reader refuses it.
    func invalidUTF8(line: Int, column: Int) throws {
        throw SDMXError(
            .malformedInput, "a JSON string is not valid UTF-8 (save the file as UTF-8)",
            location: SourceLocation(file: file, line: line, column: column))
    }

    func token(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws {
        if skipDepth > 0 {
            if kind == .beginObject || kind == .beginArray { skipDepth += 1 }
            if kind == .endObject || kind == .endArray { skipDepth -= 1 }
            return
        }
        if artefact != nil {
            try artefactToken(kind, bytes, line: line, column: column)
            return
        }
        let location = SourceLocation(file: file, line: line, column: column)
        if kind == .key {
            pendingKey = String(decoding: bytes, as: UTF8.self)
            return
        }
        switch place {
        case .document:
            guard kind == .beginObject else {
                throw SDMXError(
                    .invalidStructure, "\(file) is not an SDMX-JSON structure message: the JSON is not an object",
                    location: location)
            }
            place = .root
        case .root:
            if kind == .endObject { return }
            if Self.dataMessageKeys.contains(pendingKey) { throw dataMessage(at: location) }
            if pendingKey == "data" {
                guard kind == .beginObject else { throw invalid("\"data\" must be an object", at: location) }
                sawData = true
                place = .data
            } else {
                skip(kind)
            }
        case .data:
            if kind == .endObject {
                place = .root
                return
            }
            if Self.dataMessageKeys.contains(pendingKey) { throw dataMessage(at: location) }
            guard kind == .beginArray else {
                throw invalid("data.\(pendingKey) must be an array of artefacts", at: location)
            }
            container = pendingKey
            place = .container
        case .container:
            if kind == .endArray {
                place = .data
                return
            }
            guard kind == .beginObject else {
                throw invalid("each of data.\(container) must be an object (an artefact)", at: location)
            }
            artefact = JSONTreeBuilder(
                skipping: container == "rulesetSchemes" ? ["description", "descriptions"] : Self.unread)
            depth = 0
            budget = limits.maxStructureValues
            start = location
            try artefactToken(kind, bytes, line: line, column: column)
        }
    }

    /// SDMX-JSON data messages' members: such a file given as a structure gets a message saying so.
    private static let dataMessageKeys: Set<String> = ["dataSets", "structures", "structure"]

    private func skip(_ kind: JSONTokenKind) {
        if kind == .beginObject || kind == .beginArray { skipDepth = 1 }
    }

    // MARK: One artefact

    private func artefactToken(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int)
        throws
    {
        let location = SourceLocation(file: file, line: line, column: column)
        if streamingItems {
            try itemToken(kind, bytes, at: location)
            return
        }
        if depth == 1, kind == .key {
            artefactKey = String(decoding: bytes, as: UTF8.self)
            return
        }
        if depth == 1, let key = artefactKey {
            artefactKey = nil
            if kind == .beginArray, SDMXJSONStructureDecoder.streamedItems[container] == key {
                streamingItems = true
                depth += 1
                return
            }
            var text = key
            try text.withUTF8 { try take(.key, $0, at: location) }
        }
        switch kind {
        case .beginObject, .beginArray: depth += 1
        case .endObject, .endArray: depth -= 1
        default: break
        }
        try take(kind, bytes, at: location)
        if depth == 0, let tree = artefact?.result {
            artefact = nil
            try decoder.decode(tree, container: container, at: start)
        }
    }

    private func take(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, at location: SourceLocation) throws {
        guard let artefact, artefact.take(kind, bytes, budget: &budget) else {
            throw SDMXError(
                .limitExceeded,
                "an artefact of data.\(container) holds more than \(limits.maxStructureValues) values",
                location: start)
        }
    }

    /// A token of a streamed list of codes: each code's object is built and decoded when it ends.
    private func itemToken(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, at location: SourceLocation)
        throws
    {
        if let item {
            guard item.take(kind, bytes, budget: &itemBudget) else {
                throw SDMXError(
                    .limitExceeded, "an item of data.\(container) holds more than 100000 values", location: itemStart)
            }
            if let tree = item.result {
                self.item = nil
                try decoder.streamedItem(tree, container: container, at: itemStart)
            }
            return
        }
        switch kind {
        case .endArray:
            streamingItems = false
            depth -= 1
        case .beginObject:
            let builder = JSONTreeBuilder(skipping: Self.unreadInItems)
            item = builder
            itemStart = location
            itemBudget = 100_000
            _ = builder.take(kind, bytes, budget: &itemBudget)
        default:
            throw invalid("each item of data.\(container) must be an object", at: location)
        }
    }

    // MARK: Errors

    private func dataMessage(at location: SourceLocation) -> SDMXError {
        SDMXError(
            .invalidStructure,
            "\(file) is an SDMX-JSON data message, not a structure message: give data files as arguments "
                + "and structure files with --structure",
            location: location)
    }

    private func invalid(_ message: String, at location: SourceLocation) -> SDMXError {
        SDMXError(.invalidStructure, "invalid SDMX-JSON structure message: \(message)", location: location)
    }
}
