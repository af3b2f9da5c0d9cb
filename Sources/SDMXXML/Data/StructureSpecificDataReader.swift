import SDMXInput
import SDMXModel

/// Streams an SDMX-ML 2.1 StructureSpecificData or StructureSpecificTimeSeriesData message (series
/// or flat, any dimension at the observation level) to a ``DataHandler``, one observation at a time.
///
/// Built on libxml2's SAX2 push interface: measured on this project's machines it reads SDMX-ML about
/// twice as fast as `xmlTextReader`. Component values are the element's attributes without a
/// namespace; namespaced ones (`xsi:type`, `data:structureRef`, …) are message mechanics.
public final class StructureSpecificDataReader {
    private let limits: XMLLimits

    public init(limits: XMLLimits = .default) {
        self.limits = limits
    }

    public func read(path: String, into handler: any DataHandler) throws {
        try read(source: ChunkedFileReader(path: path, chunkSize: limits.chunkSize), into: handler)
    }

    public func read(source: any ByteSource, into handler: any DataHandler) throws {
        let events = StructureSpecificEventHandler(source: source.name, handler: handler)
        let parser = XMLPushParser(file: source.name, handler: events, limits: limits)
        try parser.parse(source: source)
        try events.finish()
    }

    public func read(bytes: [UInt8], source: String, into handler: any DataHandler) throws {
        let events = StructureSpecificEventHandler(source: source, handler: handler)
        let parser = XMLPushParser(file: source, handler: events, limits: limits)
        try parser.parse(bytes: bytes)
        try events.finish()
    }
}

/// Tracks where the parser is in the message and turns elements into ``DataHandler`` events.
final class StructureSpecificEventHandler: XMLEventHandler {
    private enum Place { case outside, header, dataSet, series, observation, group, ignored }

    private let source: String
    private let handler: any DataHandler
    private var depth = 0
    private var places: [Place] = []
    private var headerBuilder = XMLTreeBuilder()
    private var header = DataMessageHeader()
    private var sawRoot = false
    private var values: [ComponentValue] = []

    init(source: String, handler: any DataHandler) {
        self.source = source
        self.handler = handler
        values.reserveCapacity(32)
    }

    func startElement(_ element: XMLElementStart) throws {
        depth += 1
        let parent = places.last ?? .outside
        let position = DataPosition(line: element.line, column: element.column)
        var place = Place.ignored
        switch (depth, parent) {
        case (1, _):
            guard element.hasLocalName("StructureSpecificData") || element.hasLocalName("StructureSpecificTimeSeriesData") else {
                throw SDMXError(.unsupportedFormat,
                                "the root element is \(element.localName); this reader takes SDMX-ML 2.1 StructureSpecificData",
                                location: SourceLocation(file: source, line: element.line, column: element.column))
            }
            sawRoot = true
            place = .outside
        case (2, _) where element.hasLocalName("Header"):
            headerBuilder.start(element)
            place = .header
        case (_, .header):
            headerBuilder.start(element)
            place = .header
        case (2, _) where element.hasLocalName("DataSet"):
            place = .dataSet
            try startDataSet(element, at: position)
        case (3, .dataSet) where element.hasLocalName("Series"):
            place = .series
            collectValues(element)
            try handler.startSeries(values: values, at: position)
        case (3, .dataSet) where element.hasLocalName("Group"):
            place = .group
            collectValues(element)
            let groupType = element.attribute("type").map { $0.split(separator: ":").last.map(String.init) ?? $0 }
            try handler.group(id: groupType, values: values, at: position)
        case (4, .series) where element.hasLocalName("Obs"), (3, .dataSet) where element.hasLocalName("Obs"):
            place = .observation
            collectValues(element)
            try handler.observation(values: values, at: position)
        default:
            place = .ignored
        }
        places.append(place)
    }

    func endElement() throws {
        defer { depth -= 1 }
        guard let place = places.popLast() else { return }
        switch place {
        case .header:
            if let node = headerBuilder.end() {
                header = decodeHeader(node)
                try handler.header(header)
            }
        case .series:
            try handler.endSeries()
        case .dataSet:
            try handler.endDataSet()
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if places.last == .header { headerBuilder.characters(bytes) }
    }

    func finish() throws {
        guard sawRoot else { throw SDMXError(.malformedInput, "\(source) holds no XML element") }
    }

    /// Component values are the attributes without a namespace.
    private func collectValues(_ element: XMLElementStart) {
        values.removeAll(keepingCapacity: true)
        let column = element.column
        element.forEachAttribute { attribute in
            guard !attribute.hasNamespace else { return }
            values.append(ComponentValue(id: attribute.localName, value: attribute.value, column: column))
        }
    }

    private func startDataSet(_ element: XMLElementStart, at position: DataPosition) throws {
        var structureRef: String?
        var action: String?
        values.removeAll(keepingCapacity: true)
        element.forEachAttribute { attribute in
            let name = attribute.localName
            if attribute.hasNamespace {
                if name == "structureRef" { structureRef = attribute.value }
                if name == "action" { action = attribute.value }
            } else if name == "structureRef" {
                structureRef = attribute.value
            } else if name == "action" {
                action = attribute.value
            } else if !Self.dataSetMechanics.contains(name) {
                values.append(ComponentValue(id: name, value: attribute.value, column: element.column))
            }
        }
        let usage = header.structures.first { $0.structureID == structureRef } ?? (structureRef == nil ? header.structures.first : nil)
        try handler.startDataSet(DataSetStart(structure: usage?.reference, action: action, values: values, position: position))
    }

    /// DataSet attributes that SDMX defines for the message itself, not for components.
    private static let dataSetMechanics: Set<String> = [
        "setID", "dataScope", "reportingBeginDate", "reportingEndDate", "validFromDate", "validToDate",
        "publicationYear", "publicationPeriod", "type",
    ]

    private func decodeHeader(_ node: XMLNode) -> DataMessageHeader {
        var result = DataMessageHeader(id: node.childText("ID"), sender: node.child("Sender")?[attribute: "id"],
                                       prepared: node.childText("Prepared"))
        if let begin = node.child("ReportingBegin") { result.reportingBegin = (begin.text.trimmingSpaces(), begin.line) }
        if let end = node.child("ReportingEnd") { result.reportingEnd = (end.text.trimmingSpaces(), end.line) }
        for structure in node.children("Structure") {
            guard let structureID = structure[attribute: "structureID"] else { continue }
            var reference: ArtefactReference?
            for (name, kind) in [("Structure", ArtefactKind.dataStructure), ("StructureUsage", .dataflow),
                                 ("ProvisionAgrement", .provisionAgreement), ("ProvisionAgreement", .provisionAgreement)] {
                guard let holder = structure.child(name) else { continue }
                if let ref = holder.child("Ref"), let id = ref[attribute: "id"] {
                    reference = ArtefactReference(kind: kind, agencyID: ref[attribute: "agencyID"] ?? "", id: id,
                                                  version: ref[attribute: "version"] ?? "1.0")
                } else if let urn = holder.childText("URN") {
                    reference = ArtefactReference(urn: urn)
                }
            }
            if reference == nil, let namespace = structure[attribute: "namespace"],
               let urnStart = namespace.range(of: "urn:sdmx:") {
                // The namespace URN ends with the observation level: `…=ECB:EXR(1.0):ObsLevelDim:TIME_PERIOD`.
                let urn = String(namespace[urnStart.lowerBound...]).components(separatedByFirst: ":ObsLevelDim")
                reference = ArtefactReference(urn: urn)
            }
            if let reference {
                result.structures.append(DataStructureUsage(structureID: structureID, reference: reference,
                                                            dimensionAtObservation: structure[attribute: "dimensionAtObservation"]))
            }
        }
        return result
    }
}

extension String {
    /// The part before the first occurrence of `separator` (the whole string when absent).
    func components(separatedByFirst separator: String) -> String {
        guard let range = range(of: separator) else { return self }
        return String(self[..<range.lowerBound])
    }

    func range(of needle: String) -> Range<String.Index>? {
        guard !needle.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<(self.index(index, offsetBy: needle.count)) }
            index = self.index(after: index)
        }
        return nil
    }
}
