import SDMXInput
import SDMXModel

/// Streams an SDMX-ML 2.1 GenericData or GenericTimeSeriesData message to a ``DataHandler``: series
/// (`SeriesKey`, `Attributes`, `Obs` with `ObsDimension`), flat (`Obs` with `ObsKey`), groups
/// (`GroupKey`) and dataset attributes, with any dimension at the observation level. SDMX-ML 2.0
/// GenericData reads the same way (`Value concept=…`, `Time`, `KeyFamilyRef`).
public final class GenericDataReader {
    private let limits: XMLLimits

    /// Makes a reader that parses under `limits`.
    public init(limits: XMLLimits = .default) {
        self.limits = limits
    }

    /// Reads `source` into `handler`; a malformed message or a broken limit throws, after the events before it.
    public func read(source: any ByteSource, into handler: any DataHandler) throws {
        let events = GenericEventHandler(source: source.name, handler: handler)
        let parser = XMLPushParser(file: source.name, handler: events, limits: limits)
        try parser.parse(source: source)
        try events.finish()
    }
}

/// The element being read and where its `Value` children go.
final class GenericEventHandler: XMLEventHandler {
    private enum Place {
        case root, header, footer, dataSet, dataSetAttributes, group, groupKey, groupAttributes,
            series, seriesKey, seriesAttributes, obs, obsKey, obsAttributes, obsTime, keyFamilyRef, ignored
    }

    private let source: String
    private let handler: any DataHandler
    private var places: [Place] = []
    private var headerBuilder = XMLTreeBuilder()
    private var footerBuilder = XMLTreeBuilder()
    private var header = DataMessageHeader()
    private var sawRoot = false

    // The dataset being read: started lazily, after its own attributes.
    private var dataSetStarted = false
    private var dataSetStructure: ArtefactReference?
    private var dataSetDangling: DanglingStructureRef?
    private var dataSetAction: String?
    private var dataSetPosition = DataPosition(line: 0, column: 0)
    private var observationDimension = "TIME_PERIOD"
    private var dataSetValues: [ComponentValue] = []

    private var groupType: String?
    private var groupPosition = DataPosition(line: 0, column: 0)
    private var groupValues: [ComponentValue] = []

    private var seriesValues: [ComponentValue] = []
    private var seriesPosition = DataPosition(line: 0, column: 0)
    private var seriesStarted = false

    /// The observation being read, as the bytes of its `value` attributes (no text made).
    private let record = ObservationRecord()
    private var obsPosition = DataPosition(line: 0, column: 0)
    private var text: [UInt8] = []
    private var timeColumn = 0
    /// The record layout last found free of repeated ids (``ObservationRecord/layout``).
    private var checkedLayout = -1

    init(source: String, handler: any DataHandler) {
        self.source = source
        self.handler = handler
    }

    func startElement(_ element: XMLElementStart) throws {
        let parent = places.last
        let position = DataPosition(line: element.line, column: element.column)
        var place = Place.ignored
        switch parent {
        case nil:
            guard element.hasLocalName("GenericData") || element.hasLocalName("GenericTimeSeriesData") else {
                throw SDMXError(
                    .unsupportedFormat,
                    "the root element is \(element.localName); this reader takes SDMX-ML 2.1 GenericData",
                    location: SourceLocation(file: source, line: element.line, column: element.column))
            }
            sawRoot = true
            place = .root
        case .root?:
            if element.hasLocalName("Header") {
                headerBuilder.start(element)
                place = .header
            } else if element.hasLocalName("Footer") {
                footerBuilder.start(element)
                place = .footer
            } else if element.hasLocalName("DataSet") {
                place = .dataSet
                beginDataSet(element, at: position)
            }
        case .header?:
            headerBuilder.start(element)
            place = .header
        case .footer?:
            footerBuilder.start(element)
            place = .footer
        case .dataSet?:
            if element.hasLocalName("Attributes") {
                place = .dataSetAttributes
            } else if element.hasLocalName("KeyFamilyRef") {
                place = .keyFamilyRef
                text.removeAll(keepingCapacity: true)
            } else if element.hasLocalName("Group") {
                try startDataSetIfNeeded()
                place = .group
                groupType = element.attribute("type")
                groupPosition = position
                groupValues.removeAll(keepingCapacity: true)
            } else if element.hasLocalName("Series") {
                try startDataSetIfNeeded()
                place = .series
                seriesValues.removeAll(keepingCapacity: true)
                seriesPosition = position
                seriesStarted = false
            } else if element.hasLocalName("Obs") {
                try startDataSetIfNeeded()
                place = .obs
                record.removeAll()
                obsPosition = position
            }
        case .group?:
            place =
                element.hasLocalName("GroupKey")
                ? .groupKey : element.hasLocalName("Attributes") ? .groupAttributes : .ignored
        case .series?:
            if element.hasLocalName("SeriesKey") {
                place = .seriesKey
            } else if element.hasLocalName("Attributes") {
                place = .seriesAttributes
            } else if element.hasLocalName("Obs") {
                if !seriesStarted {
                    seriesStarted = true
                    try startSeries()
                }
                place = .obs
                record.removeAll()
                obsPosition = position
            }
        case .obs?:
            if element.hasLocalName("ObsKey") {
                place = .obsKey
            } else if element.hasLocalName("Attributes") {
                place = .obsAttributes
            } else if element.hasLocalName("ObsDimension") {
                withValue(of: element) { value in
                    if let id = element.attributeBytes("id") {
                        record.append(idBytes: id, bytes: value, column: obsPosition.column)
                    } else {
                        record.append(id: observationDimension, bytes: value, column: obsPosition.column)
                    }
                }
            } else if element.hasLocalName("Time") {
                place = .obsTime
                text.removeAll(keepingCapacity: true)
                timeColumn = obsPosition.column
            } else if element.hasLocalName("ObsValue") {
                withValue(of: element) {
                    record.append(id: ComponentValue.primaryMeasureID, bytes: $0, column: obsPosition.column)
                }
            }
        case .dataSetAttributes?, .groupKey?, .groupAttributes?, .seriesKey?, .seriesAttributes?, .obsKey?,
            .obsAttributes?:
            // A value's column is its container's (Series, Obs …), whose line findings give.
            if element.hasLocalName("Value"), parent == .obsKey || parent == .obsAttributes,
                let id = element.attributeBytes("id") ?? element.attributeBytes("concept")
            {
                withValue(of: element) { record.append(idBytes: id, bytes: $0, column: obsPosition.column) }
            } else if element.hasLocalName("Value"), let id = element.attribute("id") ?? element.attribute("concept") {
                let text = element.attribute("value") ?? ""
                switch parent {
                case .dataSetAttributes?:
                    dataSetValues.append(ComponentValue(id: id, value: text, column: dataSetPosition.column))
                case .groupKey?, .groupAttributes?:
                    groupValues.append(ComponentValue(id: id, value: text, column: groupPosition.column))
                case .seriesKey?, .seriesAttributes?:
                    seriesValues.append(ComponentValue(id: id, value: text, column: seriesPosition.column))
                default: break
                }
            }
        default:
            place = .ignored
        }
        places.append(place)
    }

    func endElement() throws {
        guard let place = places.popLast() else { return }
        switch place {
        case .header:
            if let node = headerBuilder.end() {
                header = DataHeaderDecoder.decode(node)
                try handler.header(header)
            }
        case .footer:
            if let node = footerBuilder.end() { try handler.footer(DataHeaderDecoder.footer(node)) }
        case .group:
            try RepeatedComponents.refuse(groupValues.lazy.map(\.id), in: "the Group", file: source, at: groupPosition)
            try handler.group(id: groupType.map(XMLQualifiedName.localPart), values: groupValues, at: groupPosition)
        case .series:
            if !seriesStarted { try startSeries() }
            try handler.endSeries()
        case .obs:
            // Records of one layout have the same ids: looked at once per layout.
            if record.layout != checkedLayout {
                try RepeatedComponents.refuse(
                    (0..<record.count).lazy.map(record.id(at:)), in: "the Obs", file: source, at: obsPosition)
                checkedLayout = record.layout
            }
            try handler.observation(record, at: obsPosition)
        case .dataSet:
            try startDataSetIfNeeded()
            try handler.endDataSet()
        case .obsTime:
            record.append(
                id: "TIME_PERIOD", value: String(decoding: text, as: UTF8.self).trimmingSpaces(), column: timeColumn)
        case .keyFamilyRef:
            let id = String(decoding: text, as: UTF8.self).trimmingSpaces()
            if dataSetStructure == nil, !id.isEmpty {
                dataSetStructure = ArtefactReference(kind: .dataStructure, agencyID: "", id: id, version: nil)
            }
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        switch places.last {
        case .header?: headerBuilder.characters(bytes)
        case .footer?: footerBuilder.characters(bytes)
        case .obsTime?, .keyFamilyRef?: text.append(contentsOf: bytes)
        default: break
        }
    }

    func finish() throws {
        guard sawRoot else { throw SDMXError(.malformedInput, "\(source) holds no XML element") }
    }

    /// Calls `body` with the bytes of the element's `value` attribute (empty when it has none).
    private func withValue(of element: XMLElementStart, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if let value = element.attributeBytes("value") {
            body(value)
        } else {
            body(UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    private func beginDataSet(_ element: XMLElementStart, at position: DataPosition) {
        let structureRef = element.attribute("structureRef")
        let usage = header.usage(for: structureRef)
        dataSetDangling = header.danglingReference(structureRef)
        dataSetStructure = usage?.reference ?? dataSetDangling?.fallback
        dataSetAction = element.attribute("action")
        dataSetPosition = position
        observationDimension =
            usage?.dimensionAtObservation.flatMap { $0 == "AllDimensions" ? nil : $0 } ?? "TIME_PERIOD"
        dataSetValues.removeAll()
        dataSetStarted = false
    }

    private func startSeries() throws {
        try RepeatedComponents.refuse(seriesValues.lazy.map(\.id), in: "the Series", file: source, at: seriesPosition)
        try handler.startSeries(values: seriesValues, at: seriesPosition)
    }

    private func startDataSetIfNeeded() throws {
        guard !dataSetStarted else { return }
        dataSetStarted = true
        try RepeatedComponents.refuse(
            dataSetValues.lazy.map(\.id), in: "the DataSet's Attributes", file: source, at: dataSetPosition)
        var start = DataSetStart(
            structure: dataSetStructure, action: dataSetAction, values: dataSetValues, position: dataSetPosition)
        start.dangling = dataSetDangling
        try handler.startDataSet(start)
    }
}
