import SDMXModel

/// Reads the tokens of a message's `dataSets` array. Surveying (the first pass) keeps of each dataset
/// only what must be known before its first observation — its structure's number, its action, its
/// dataset-level attributes — since JSON members come in any order. Streaming (the second pass) sends
/// the datasets' series, groups and observations to the ``DataHandler``, their indices resolved through
/// the message's structures, one observation at a time.
final class SDMXJSONDataSets {
    enum Mode { case survey, stream }

    struct DataSetInfo {
        var structure = 0
        var action: String?
        var attributes: [JSONValue] = []
        var position: DataPosition
        /// The attributes of series (by their number in the dataset) that give them after their observations,
        /// found by the survey so that the second pass has them when the series starts.
        var lateSeriesAttributes: [Int: (items: [JSONValue], columns: [Int])] = [:]
    }

    private enum Role {
        case list, dataSet, skip, seriesMap, series, observationMap, groupMap, items, complexItem
    }

    private enum Items {
        case dataSetAttributes, seriesAttributes, groupAttributes, observation
    }

    let mode: Mode
    private let file: String
    private let maxDataSets: Int
    /// Most values of late series attributes kept between the passes (``DataSetInfo/lateSeriesAttributes``).
    private let maxKeptValues: Int
    private var keptValues = 0
    private(set) var infos: [DataSetInfo] = []
    /// Set for streaming: the structures, and where events go.
    var structures: [SDMXJSONStructure] = []
    var handler: (any DataHandler)?

    private var roles: [Role] = []
    private var key = ""
    private var keyBytes: [UInt8] = []
    private var keyPosition = DataPosition(line: 0, column: 0)
    private var dataSetIndex = -1
    private var structure: SDMXJSONStructure?
    private var dataSetStarted = false
    private var dataSetDimensions: [ComponentValue] = []
    private var itemsKind = Items.observation
    private var items: [JSONValue] = []
    private var itemColumns: [Int] = []
    private var itemsKey: [Int] = []
    private var itemsPosition = DataPosition(line: 0, column: 0)
    private var complex: JSONTreeBuilder?
    private var complexBudget = 0
    private var seriesKey: [Int] = []
    private var seriesPosition = DataPosition(line: 0, column: 0)
    private var seriesAttributes: [JSONValue] = []
    private var seriesAttributeColumns: [Int] = []
    private var seriesAnnounced = false
    /// The series' number in its dataset, and (surveying) whether its observations came already.
    private var seriesOrdinal = -1
    private var seriesSawObservations = false
    private var values: [ComponentValue] = []
    private let record = ObservationRecord()
    private var problem: String?
    /// Problems found while building the values of the element about to be reported, with their columns:
    /// sent as `recordProblem` events just before the element.
    private var pendingProblems: [(text: String, line: Int?, column: Int)] = []

    init(mode: Mode, file: String, maxDataSets: Int, maxKeptValues: Int) {
        self.mode = mode
        self.file = file
        self.maxDataSets = maxDataSets
        self.maxKeptValues = maxKeptValues
    }

    /// The datasets surveyed in a first pass, for the second.
    func adopt(_ surveyed: [DataSetInfo]) {
        infos = surveyed
    }

    func take(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws {
        let position = DataPosition(line: line, column: column)
        if kind == .key, roles.last == .complexItem {
            try takeComplex(kind, bytes, at: position)
            return
        }
        if kind == .key {
            key = String(decoding: bytes, as: UTF8.self)
            keyPosition = position
            if roles.last == .seriesMap || roles.last == .observationMap || roles.last == .groupMap {
                keyBytes.removeAll(keepingCapacity: true)
                keyBytes.append(contentsOf: bytes)
            }
            return
        }
        guard let role = roles.last else {
            guard kind == .beginArray else { throw error("dataSets must be an array of datasets", at: position) }
            roles.append(.list)
            return
        }
        switch role {
        case .list:
            if kind == .endArray {
                roles.removeLast()
            } else if kind == .beginObject {
                try beginDataSet(at: position)
            } else {
                throw error("each of dataSets must be an object", at: position)
            }
        case .skip:
            if kind == .beginObject || kind == .beginArray { roles.append(.skip) }
            if kind == .endObject || kind == .endArray { roles.removeLast() }
        case .dataSet:
            try dataSetMember(kind, bytes, at: position)
        case .seriesMap, .observationMap, .groupMap:
            if kind == .endObject {
                roles.removeLast()
                return
            }
            let expected: JSONTokenKind = role == .seriesMap ? .beginObject : .beginArray
            guard kind == expected else {
                throw error(
                    "the member '\(key)' must be \(expected == .beginObject ? "an object" : "an array")",
                    at: position)
            }
            if role == .seriesMap {
                if mode == .stream { seriesKey = try indices(at: keyPosition) }
                seriesPosition = keyPosition
                seriesAttributes.removeAll(keepingCapacity: true)
                seriesAttributeColumns.removeAll(keepingCapacity: true)
                seriesAnnounced = false
                seriesOrdinal += 1
                seriesSawObservations = false
                roles.append(.series)
            } else {
                itemsKey = try indices(at: keyPosition)
                beginItems(role == .groupMap ? .groupAttributes : .observation, at: keyPosition)
            }
        case .series:
            try seriesMember(kind, at: position)
        case .items:
            if kind == .endArray {
                roles.removeLast()
                try endItems()
            } else if kind.isScalar {
                items.append(Self.scalar(kind, bytes))
                itemColumns.append(column)
            } else {
                complex = JSONTreeBuilder()
                complexBudget = 10_000
                itemColumns.append(column)
                roles.append(.complexItem)
                try takeComplex(kind, bytes, at: position)
            }
        case .complexItem:
            try takeComplex(kind, bytes, at: position)
        }
    }

    // MARK: Datasets

    private func beginDataSet(at position: DataPosition) throws {
        dataSetIndex += 1
        roles.append(.dataSet)
        dataSetStarted = false
        seriesOrdinal = -1
        if mode == .survey {
            guard infos.count < maxDataSets else {
                throw SDMXError(
                    .limitExceeded, "the message holds more than \(maxDataSets) datasets",
                    location: SourceLocation(file: file, line: position.line, column: position.column))
            }
            infos.append(DataSetInfo(position: position))
        }
    }

    private func dataSetMember(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, at position: DataPosition)
        throws
    {
        if kind == .endObject {
            roles.removeLast()
            if mode == .stream {
                try startDataSetIfNeeded()
                try reportProblems(at: DataPosition(line: 0, column: 0))
                try handler?.endDataSet()
            }
            return
        }
        switch (mode, key, kind) {
        case (.survey, "structure", .number):
            infos[dataSetIndex].structure = Int(String(decoding: bytes, as: UTF8.self)) ?? -1
        case (.survey, "action", .string):
            infos[dataSetIndex].action = String(decoding: bytes, as: UTF8.self)
        case (.survey, "attributes", .beginArray):
            beginItems(.dataSetAttributes, at: position)
        case (.survey, "series", .beginObject):
            roles.append(.seriesMap)
        case (.stream, "series", .beginObject):
            try startDataSetIfNeeded()
            roles.append(.seriesMap)
        case (.stream, "observations", .beginObject):
            try startDataSetIfNeeded()
            roles.append(.observationMap)
        case (.stream, "dimensionGroupAttributes", .beginObject):
            try startDataSetIfNeeded()
            roles.append(.groupMap)
        default:
            if kind == .beginObject || kind == .beginArray { roles.append(.skip) }
        }
    }

    private func startDataSetIfNeeded() throws {
        guard !dataSetStarted, let handler else { return }
        dataSetStarted = true
        guard dataSetIndex < infos.count else { throw error("a dataset the first pass did not see", at: nil) }
        let info = infos[dataSetIndex]
        guard info.structure >= 0, info.structure < structures.count else {
            throw error(
                structures.isEmpty
                    ? "the message has no structure section (data.structures, or structure in SDMX-JSON 1.0), "
                        + "through which its dimension and attribute values are given"
                    : "the dataset names structure \(info.structure), but the message has \(structures.count)",
                at: info.position)
        }
        let structure = structures[info.structure]
        self.structure = structure
        dataSetDimensions = structure.dataSetDimensions.map { dimension in
            ComponentValue(id: dimension.id, value: dimension.values.first.flatMap { $0 } ?? "", column: 0)
        }
        values.removeAll(keepingCapacity: true)
        for (offset, item) in info.attributes.enumerated() where offset < structure.dataSetAttributes.count {
            add(item, of: structure.dataSetAttributes[offset], column: info.position.column)
        }
        var start = DataSetStart(
            structure: structure.reference, action: info.action, values: values, position: info.position)
        start.unknownComponentsAreCustom = false
        try reportProblems(at: info.position)
        try handler.startDataSet(start)
    }

    // MARK: Series

    private func seriesMember(_ kind: JSONTokenKind, at position: DataPosition) throws {
        switch (key, kind) {
        case (_, .endObject):
            roles.removeLast()
            try announceSeries()
            try handler?.endSeries()
        case ("attributes", .beginArray):
            // Surveying, only attributes after the observations are kept; streaming, those were given to the
            // series when it started, from the survey.
            if mode == .survey ? !seriesSawObservations : seriesAnnounced {
                roles.append(.skip)
                return
            }
            beginItems(.seriesAttributes, at: position)
        case ("observations", .beginObject) where mode == .survey:
            seriesSawObservations = true
            roles.append(.skip)
        case ("observations", .beginObject):
            try announceSeries()
            roles.append(.observationMap)
        default:
            if kind == .beginObject || kind == .beginArray { roles.append(.skip) }
        }
    }

    private func announceSeries() throws {
        guard !seriesAnnounced, let handler, let structure else { return }
        seriesAnnounced = true
        if let late = infos[dataSetIndex].lateSeriesAttributes[seriesOrdinal] {
            seriesAttributes = late.items
            seriesAttributeColumns = late.columns
        }
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: dataSetDimensions)
        addDimensions(structure.seriesDimensions, seriesKey, at: seriesPosition)
        for (offset, item) in seriesAttributes.enumerated() where offset < structure.seriesAttributes.count {
            add(item, of: structure.seriesAttributes[offset], column: seriesAttributeColumns[offset])
        }
        try reportProblems(at: seriesPosition)
        try handler.startSeries(values: values, at: seriesPosition)
    }

    // MARK: Arrays of values

    private func beginItems(_ kind: Items, at position: DataPosition) {
        itemsKind = kind
        itemsPosition = position
        items.removeAll(keepingCapacity: true)
        itemColumns.removeAll(keepingCapacity: true)
        roles.append(.items)
    }

    private func takeComplex(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, at position: DataPosition)
        throws
    {
        guard let complex, complex.take(kind, bytes, budget: &complexBudget) else {
            throw SDMXError(
                .limitExceeded, "an observation's or attribute's value holds more than 10000 parts",
                location: SourceLocation(file: file, line: position.line, column: position.column))
        }
        if let result = complex.result {
            items.append(result)
            self.complex = nil
            roles.removeLast()
        }
    }

    private func endItems() throws {
        switch itemsKind {
        case .dataSetAttributes:
            if mode == .survey { infos[dataSetIndex].attributes = items }
        case .seriesAttributes where mode == .survey:
            keptValues += items.count
            guard keptValues <= maxKeptValues else {
                throw error(
                    "the message's series give more than \(maxKeptValues) attribute values after their "
                        + "observations, more than the reader keeps between its passes", at: itemsPosition)
            }
            infos[dataSetIndex].lateSeriesAttributes[seriesOrdinal] = (items, itemColumns)
        case .seriesAttributes:
            seriesAttributes = items
            seriesAttributeColumns = itemColumns
        case .groupAttributes:
            guard let structure, let handler else { return }
            values.removeAll(keepingCapacity: true)
            let dimensions = structure.dataSetDimensions + structure.seriesDimensions + structure.observationDimensions
            addDimensions(dimensions, itemsKey, at: itemsPosition, partial: true)
            for (offset, item) in items.enumerated() where offset < structure.groupAttributes.count {
                add(item, of: structure.groupAttributes[offset], column: itemColumns[offset])
            }
            try reportProblems(at: itemsPosition)
            try handler.group(id: nil, values: values, at: itemsPosition)
        case .observation:
            try observation()
        }
    }

    private func observation() throws {
        guard let structure, let handler else { return }
        record.removeAll()
        let isFlat = roles.last == .observationMap && roles.dropLast().last == .dataSet
        if isFlat {
            for value in dataSetDimensions { record.append(id: value.id, value: value.value, column: 0) }
        }
        let dimensions = isFlat ? structure.flatDimensions : structure.observationDimensions
        if itemsKey.count != dimensions.count {
            noteProblem(
                "observation's key has \(itemsKey.count) part(s), but the structure puts "
                    + "\(dimensions.count) dimension(s) at this level")
        }
        for (dimension, index) in zip(dimensions, itemsKey) {
            if let value = dimensionValue(dimension, index) {
                record.append(id: dimension.id, value: value, column: itemsPosition.column)
            }
        }
        let components = isFlat ? structure.flatValues : structure.seriesObservationValues
        if items.count > components.count {
            noteProblem(
                "observation has \(items.count) values, more than the structure's \(structure.measures.count) "
                    + "measure(s) and \(components.count - structure.measures.count) attribute(s) at this level; "
                    + "the values past them are left out")
        }
        for (offset, item) in items.enumerated() where offset < components.count {
            let component = components[offset]
            for text in resolve(item, of: component) {
                record.append(id: component.id, value: text, column: itemColumns[offset])
            }
        }
        flushProblem(column: 0)
        try reportProblems(at: itemsPosition)
        try handler.observation(record, at: itemsPosition)
    }

    // MARK: Resolving values

    /// Adds the values a key's numbers point at; a wrong key length is an error (the message does not
    /// follow its own structure), a number past a list a problem reported with the values.
    private func addDimensions(
        _ dimensions: [SDMXJSONStructure.Component], _ key: [Int], at position: DataPosition, partial: Bool = false
    ) {
        if key.count > dimensions.count || (!partial && key.count != dimensions.count) {
            noteProblem("key has \(key.count) part(s), but the structure has \(dimensions.count) dimension(s) here")
        }
        for (offset, index) in key.enumerated() where index >= 0 && offset < dimensions.count {
            if let value = dimensionValue(dimensions[offset], index) {
                values.append(ComponentValue(id: dimensions[offset].id, value: value, column: position.column))
            }
        }
        flushProblem(column: position.column)
    }

    private func dimensionValue(_ dimension: SDMXJSONStructure.Component, _ index: Int) -> String? {
        guard index >= 0, index < dimension.values.count, let value = dimension.values[index] else {
            noteProblem(
                "key gives value number \(index) of \(dimension.id), whose structure lists "
                    + "\(dimension.values.count) value(s) (numbered from 0)")
            return nil
        }
        return value
    }

    private func add(_ item: JSONValue, of component: SDMXJSONStructure.Component, column: Int) {
        for text in resolve(item, of: component) {
            values.append(ComponentValue(id: component.id, value: text, column: column))
        }
        flushProblem(column: column)
    }

    /// An item of data as text: an index into the component's values when it has a list, else the value
    /// itself (several for an array, English or the first language for localised text); none for null.
    private func resolve(_ item: JSONValue, of component: SDMXJSONStructure.Component) -> [String] {
        switch item {
        case .null: return []
        case .number(let text) where component.isListed:
            guard let index = Int(text), index >= 0, index < component.values.count else {
                noteProblem(
                    "\(component.id) value is number \(text) of its list in the structure, which has "
                        + "\(component.values.count) value(s) (numbered from 0)")
                return []
            }
            return component.values[index].map { [$0] } ?? []
        case .array(let parts): return parts.compactMap { $0.localised }
        case .object: return item.localised.map { [$0] } ?? []
        default: return item.text.map { [$0] } ?? []
        }
    }

    /// A number pointing past its list: reported by the validator as MALFORMED_INPUT on the observation's
    /// (or series', group's, dataset's) line, through the `recordProblem` event, and reading goes on.
    private func noteProblem(_ text: String) {
        if problem == nil { problem = text }
    }

    private func flushProblem(column: Int) {
        guard let problem else { return }
        pendingProblems.append((problem, nil, column))
        self.problem = nil
    }

    private func reportProblems(at position: DataPosition) throws {
        guard !pendingProblems.isEmpty, let handler else { return }
        for problem in pendingProblems {
            try handler.recordProblem(
                .described(problem.text), at: DataPosition(line: problem.line ?? position.line, column: problem.column))
        }
        pendingProblems.removeAll()
    }

    /// A string of the datasets whose bytes are not UTF-8 (streaming): reported where it starts, with the
    /// element it belongs to.
    func invalidUTF8(line: Int, column: Int) {
        pendingProblems.append(
            (
                "a JSON string here is not valid UTF-8 (save the file as UTF-8); its bad bytes are read as U+FFFD",
                line, column
            ))
    }

    /// `0:1::2` as indices, -1 for an empty part (a group's wildcard).
    private func indices(at position: DataPosition) throws -> [Int] {
        var result: [Int] = []
        var current = -1
        for byte in keyBytes {
            if byte == UInt8(ascii: ":") {
                result.append(current)
                current = -1
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), current < 100_000_000 {
                current = max(current, 0) * 10 + Int(byte - UInt8(ascii: "0"))
            } else {
                throw error("'\(key)' is not a key of value numbers such as 0:1:2", at: position)
            }
        }
        if !keyBytes.isEmpty { result.append(current) }
        return result
    }

    private static func scalar(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue {
        switch kind {
        case .string: .string(String(decoding: bytes, as: UTF8.self))
        case .number: .number(String(decoding: bytes, as: UTF8.self))
        case .trueValue: .bool(true)
        case .falseValue: .bool(false)
        default: .null
        }
    }

    private func error(_ message: String, at position: DataPosition?) -> SDMXError {
        SDMXError(
            .malformedInput, message,
            location: SourceLocation(file: file, line: position?.line ?? 0, column: position?.column ?? 0))
    }
}
