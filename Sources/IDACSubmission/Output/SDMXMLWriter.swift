import SDMXModel

/// Writes SDMX-ML data: 2.1 StructureSpecificData (`<Obs FREQ="A" …/>`) or GenericData (`ObsKey`,
/// `ObsValue`, `Attributes`), or 3.0 StructureSpecificData (the only data form SDMX-ML 3.0 has: the
/// same `Series` and `Obs` elements, a header that names the structure by URN), in one of three shapes:
/// - flat (`dimensionAtObservation="AllDimensions"`), which streams whatever order the observations
///   come in: what `transform` writes;
/// - series (`dimensionAtObservation="TIME_PERIOD"`), what SDMX REST clients expect by default: a
///   `Series` element opens whenever the key (or a series-level attribute) changes, so observations
///   should come in key order, as the repository yields them;
/// - series with another dimension at the observation: keyed by the other dimensions and the time
///   (``SeriesLayout``), rows ordered so by ``ObservationSorter``.
public final class SDMXMLWriter: ObservationWriter {
    /// Which SDMX-ML data message to write.
    public enum Form: Sendable {
        /// SDMX-ML 2.1 structure-specific data: components as attributes (`<Obs FREQ="A" …/>`).
        case structureSpecific
        /// SDMX-ML 2.1 generic data: components as `Value` elements.
        case generic
        /// SDMX-ML 3.0 structure-specific data.
        case structureSpecific30

        /// Whether observations are elements whose attributes are named by the components (both versions).
        var isStructureSpecific: Bool { self != .generic }
    }

    /// Which dimension sits at the observation level.
    public enum Shape: Sendable, Equatable {
        /// `AllDimensions`: every observation carries its whole key, in any order.
        case flat
        /// `TIME_PERIOD`: observations grouped into `Series` by key.
        case timeSeries
        /// This dimension (by id) at the observation level; the time keys the series.
        case dimension(String)
    }

    private let form: Form
    private let shape: Shape
    /// `shape == .flat`, asked once per observation.
    private let isFlat: Bool
    private let sink: any TextOutput
    private let messageID: String
    private let prepared: String
    private var structure: ResolvedStructure?
    /// The components' ids by index, read once (a component is a struct of many references).
    private var ids: [String] = []
    /// ` ID="` by component index: an `Obs` is built in bytes (a String grown per value cost a third of an
    /// answer). Kept as strings: most are short enough to live inline, copied without reference counting (an
    /// array of byte arrays cost a tenth of an answer in it).
    private var attributeOpenings: [String] = []
    /// The bytes of what is being written, kept between observations for their capacity.
    private var out: [UInt8] = []
    /// Each component's last value as escaped.
    private var escaped = EncodedFields(count: 0, needsEncoding: { $0.needsXMLEscaping }) {
        $1.append(xmlAttribute: $0)
    }
    /// What keys a series and what an observation carries (``SeriesLayout``).
    private var layout: SeriesLayout?
    /// Attributes written on the Series element in the series shapes; the others go on each Obs.
    private var seriesAttributeIndices: [Int] = []
    private var observationAttributeIndices: [Int] = []
    /// What opens a new series (the series' dimensions, then the series attributes), and what an `Obs` of the
    /// series shapes carries (its dimension, the measures, the observation attributes), worked out once.
    private var seriesIndices: [Int] = []
    private var observationIndices: [Int] = []
    private var openSeries: [String]?
    /// False writes each series without its observations (`detail=serieskeysonly` or `nodata`; feed one row
    /// per series, ``SeriesOnlyWriter``). Only the series shape has series to write.
    public var writesObservations = true

    /// Makes a writer into `sink`; the header carries `messageID` and `prepared` (an ISO 8601 date-time).
    public init(
        form: Form, shape: Shape = .flat, sink: any TextOutput, messageID: String = "IDAC-EXPORT", prepared: String
    ) {
        self.form = form
        self.shape = shape
        self.isFlat = shape == .flat
        self.sink = sink
        self.messageID = messageID
        self.prepared = prepared
    }

    static let messageNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
    static let commonNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"
    static let messageNamespace30 = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message"
    static let commonNamespace30 = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common"
    static let dataNamespace30 = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/data/structurespecific"

    /// See ``ObservationWriter``: writes the message's root and header, naming the structure by URN.
    public func begin(structure: ResolvedStructure) throws {
        self.structure = structure
        ids = structure.components.map(\.id)
        attributeOpenings = ids.map { " \($0)=\"" }
        escaped = EncodedFields(count: ids.count, needsEncoding: { $0.needsXMLEscaping }) {
            $1.append(xmlAttribute: $0)
        }
        let layout = SeriesLayout(structure: structure, shape: shape)
        self.layout = layout
        seriesAttributeIndices = layout.seriesAttributes
        observationAttributeIndices = layout.observationAttributes
        seriesIndices = layout.seriesDimensions + seriesAttributeIndices
        observationIndices = layout.observationDimensions + structure.measureIndices + observationAttributeIndices
        let reference = structure.dataflow?.reference ?? structure.dataStructure.reference
        let usage = structure.dataflow == nil ? "Structure" : "StructureUsage"
        let version = reference.version ?? "1.0"
        let ref =
            "<Ref agencyID=\"\(reference.agencyID.xmlAttribute)\" id=\"\(reference.id.xmlAttribute)\" "
            + "version=\"\(version.xmlAttribute)\"/>"
        let urnClass = structure.dataflow == nil ? "DataStructure" : "Dataflow"
        let level = layout.level
        let namespace =
            "urn:sdmx:org.sdmx.infomodel.datastructure.\(urnClass)=\(reference.agencyID):\(reference.id)"
            + "(\(version)):ObsLevelDim:\(level)"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        switch form {
        case .structureSpecific:
            out +=
                "<message:StructureSpecificData xmlns:message=\"\(Self.messageNamespace)\" "
                + "xmlns:common=\"\(Self.commonNamespace)\" "
                + "xmlns:data=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific\" "
                + "xmlns:ns1=\"\(namespace.xmlAttribute)\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        case .generic:
            out +=
                "<message:GenericData xmlns:message=\"\(Self.messageNamespace)\" "
                + "xmlns:common=\"\(Self.commonNamespace)\" "
                + "xmlns:generic=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic\">\n"
        case .structureSpecific30:
            out +=
                "<message:StructureSpecificData xmlns:message=\"\(Self.messageNamespace30)\" "
                + "xmlns:common=\"\(Self.commonNamespace30)\" xmlns:ss=\"\(Self.dataNamespace30)\" "
                + "xmlns:ns1=\"\(namespace.xmlAttribute)\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        }
        out +=
            "<message:Header><message:ID>\(messageID.xmlAttribute)</message:ID><message:Test>false</message:Test>"
            + "<message:Prepared>\(prepared.xmlAttribute)</message:Prepared><message:Sender id=\"IDAC\"/>"
            + "<message:Structure structureID=\"S1\""
        switch form {
        case .structureSpecific:
            out +=
                " dimensionAtObservation=\"\(level.xmlAttribute)\" namespace=\"\(namespace.xmlAttribute)\">"
                + "<common:\(usage)>\(ref)</common:\(usage)></message:Structure></message:Header>\n"
                + "<message:DataSet data:structureRef=\"S1\" xsi:type=\"ns1:DataSetType\">\n"
        case .generic:
            out +=
                " dimensionAtObservation=\"\(level.xmlAttribute)\">"
                + "<common:\(usage)>\(ref)</common:\(usage)></message:Structure></message:Header>\n"
                + "<message:DataSet structureRef=\"S1\">\n"
        case .structureSpecific30:
            // SDMX-ML 3.0 names the structure by URN, as text, where 2.1 had a Ref element.
            let urn =
                "urn:sdmx:org.sdmx.infomodel.datastructure.\(urnClass)=\(reference.agencyID):\(reference.id)(\(version))"
            out +=
                " namespace=\"\(namespace.xmlAttribute)\" dimensionAtObservation=\"\(level.xmlAttribute)\">"
                + "<common:\(usage)>\(urn.xmlAttribute)</common:\(usage)></message:Structure></message:Header>\n"
                + "<message:DataSet ss:structureRef=\"S1\" xsi:type=\"ns1:DataSetType\">\n"
        }
        try sink.write(out)
    }

    /// See ``ObservationWriter``: writes the observation, first closing and opening a `Series` when the key changes in
    /// the series shape.
    public func write(_ values: [String], action: String?) throws {
        guard let structure else { return }
        out.removeAll(keepingCapacity: true)
        if !isFlat {
            // Compared in place: a key array built per observation cost a tenth of an answer.
            var same = openSeries != nil
            if let open = openSeries {
                for (position, index) in seriesIndices.enumerated() where open[position] != values[index] {
                    same = false
                    break
                }
            }
            if !same {
                if openSeries != nil { out.append(utf8: closeSeries) }
                out.append(utf8: seriesStart(values, structure: structure))
                openSeries = seriesIndices.map { values[$0] }
            }
        }
        guard writesObservations || isFlat else {
            try sink.write(bytes: out)
            return
        }
        if form.isStructureSpecific {
            out.append(contentsOf: Self.obsOpening)
            if isFlat {
                for index in ids.indices where !values[index].isEmpty { appendAttribute(index, values[index]) }
            } else {
                for index in observationIndices where !values[index].isEmpty { appendAttribute(index, values[index]) }
            }
            out.append(contentsOf: Self.obsClosing)
        } else {
            out.append(utf8: genericObservation(values, structure: structure))
        }
        try sink.write(bytes: out)
    }

    private static let obsOpening = Array("<Obs".utf8)
    private static let obsClosing = Array("/>\n".utf8)

    /// ` ID="value"`, the value escaped.
    private func appendAttribute(_ index: Int, _ value: String) {
        out.append(utf8: attributeOpenings[index])
        escaped.append(value, at: index, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    private func genericObservation(_ values: [String], structure: ResolvedStructure) -> String {
        var out = "<generic:Obs>"
        if isFlat {
            out += "<generic:ObsKey>"
            out += genericValues(layout?.observationDimensions ?? [], values)
            out += "</generic:ObsKey>"
        } else if let dimension = layout?.observationDimensions.first {
            out += "<generic:ObsDimension value=\"\(values[dimension].xmlAttribute)\"/>"
        }
        if let measure = structure.measureIndices.first, !values[measure].isEmpty {
            out += "<generic:ObsValue value=\"\(values[measure].xmlAttribute)\"/>"
        }
        let attributes = observationAttributeIndices.filter { !values[$0].isEmpty }
        if !attributes.isEmpty {
            out += "<generic:Attributes>" + genericValues(attributes, values) + "</generic:Attributes>"
        }
        return out + "</generic:Obs>\n"
    }

    /// See ``ObservationWriter``: closes the open series, the dataset and the message.
    public func end() throws {
        var out = openSeries == nil ? "" : closeSeries
        out +=
            form.isStructureSpecific
            ? "</message:DataSet>\n</message:StructureSpecificData>\n"
            : "</message:DataSet>\n</message:GenericData>\n"
        try sink.write(out)
    }

    private var closeSeries: String { form.isStructureSpecific ? "</Series>\n" : "</generic:Series>\n" }

    private func seriesStart(_ values: [String], structure: ResolvedStructure) -> String {
        switch form {
        case .structureSpecific, .structureSpecific30:
            var out = "<Series"
            for index in seriesIndices where !values[index].isEmpty {
                out += " \(ids[index])=\"\(values[index].xmlAttribute)\""
            }
            return out + ">\n"
        case .generic:
            var out = "<generic:Series><generic:SeriesKey>"
            out += genericValues(layout?.seriesDimensions ?? [], values) + "</generic:SeriesKey>"
            let attributes = seriesAttributeIndices.filter { !values[$0].isEmpty }
            if !attributes.isEmpty {
                out += "<generic:Attributes>" + genericValues(attributes, values) + "</generic:Attributes>"
            }
            return out + "\n"
        }
    }

    private func genericValues(_ indices: [Int], _ values: [String]) -> String {
        guard let structure else { return "" }
        var out = ""
        for index in indices {
            out += "<generic:Value id=\"\(ids[index])\" value=\"\(values[index].xmlAttribute)\"/>"
        }
        return out
    }
}
