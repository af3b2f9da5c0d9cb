import SDMXModel

/// Writes SDMX-ML 2.1 data in flat form (`dimensionAtObservation="AllDimensions"`), so that it
/// streams whatever order the observations come in: StructureSpecificData (`<Obs FREQ="A" …/>`) or
/// GenericData (`ObsKey`, `ObsValue`, `Attributes`).
public final class SDMXMLWriter: ObservationWriter {
    public enum Form { case structureSpecific, generic }

    private let form: Form
    private let sink: OutputSink
    private let messageID: String
    private let prepared: String
    private var structure: ResolvedStructure?

    public init(form: Form, sink: OutputSink, messageID: String = "IDAC-EXPORT", prepared: String) {
        self.form = form
        self.sink = sink
        self.messageID = messageID
        self.prepared = prepared
    }

    static let messageNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
    static let commonNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"

    public func begin(structure: ResolvedStructure) throws {
        self.structure = structure
        let reference = structure.dataflow?.reference ?? structure.dataStructure.reference
        let usage = structure.dataflow == nil ? "Structure" : "StructureUsage"
        let ref =
            "<Ref agencyID=\"\(reference.agencyID.xmlAttribute)\" id=\"\(reference.id.xmlAttribute)\" version=\"\((reference.version ?? "1.0").xmlAttribute)\"/>"
        let urnClass = structure.dataflow == nil ? "DataStructure" : "Dataflow"
        let namespace =
            "urn:sdmx:org.sdmx.infomodel.datastructure.\(urnClass)=\(reference.agencyID):\(reference.id)(\(reference.version ?? "1.0")):ObsLevelDim:AllDimensions"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        switch form {
        case .structureSpecific:
            out +=
                "<message:StructureSpecificData xmlns:message=\"\(Self.messageNamespace)\" xmlns:common=\"\(Self.commonNamespace)\" "
                + "xmlns:data=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific\" "
                + "xmlns:ns1=\"\(namespace.xmlAttribute)\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        case .generic:
            out +=
                "<message:GenericData xmlns:message=\"\(Self.messageNamespace)\" xmlns:common=\"\(Self.commonNamespace)\" "
                + "xmlns:generic=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic\">\n"
        }
        out +=
            "<message:Header><message:ID>\(messageID.xmlAttribute)</message:ID><message:Test>false</message:Test>"
            + "<message:Prepared>\(prepared.xmlAttribute)</message:Prepared><message:Sender id=\"IDAC\"/>"
            + "<message:Structure structureID=\"S1\" dimensionAtObservation=\"AllDimensions\""
            + (form == .structureSpecific ? " namespace=\"\(namespace.xmlAttribute)\"" : "")
            + "><common:\(usage)>\(ref)</common:\(usage)></message:Structure></message:Header>\n"
        out +=
            form == .structureSpecific
            ? "<message:DataSet data:structureRef=\"S1\" xsi:type=\"ns1:DataSetType\">\n"
            : "<message:DataSet structureRef=\"S1\">\n"
        try sink.write(out)
    }

    public func write(_ values: [String], action: String?) throws {
        guard let structure else { return }
        var out: String
        switch form {
        case .structureSpecific:
            out = "<Obs"
            for (index, component) in structure.components.enumerated() where !values[index].isEmpty {
                out += " \(component.id)=\"\(values[index].xmlAttribute)\""
            }
            out += "/>\n"
        case .generic:
            out = "<generic:Obs><generic:ObsKey>"
            for index in structure.dimensionIndices + (structure.timeIndex.map { [$0] } ?? []) {
                out +=
                    "<generic:Value id=\"\(structure.components[index].id)\" value=\"\(values[index].xmlAttribute)\"/>"
            }
            out += "</generic:ObsKey>"
            if let measure = structure.measureIndices.first, !values[measure].isEmpty {
                out += "<generic:ObsValue value=\"\(values[measure].xmlAttribute)\"/>"
            }
            let attributes = structure.attributeIndices.filter { !values[$0].isEmpty }
            if !attributes.isEmpty {
                out += "<generic:Attributes>"
                for index in attributes {
                    out +=
                        "<generic:Value id=\"\(structure.components[index].id)\" value=\"\(values[index].xmlAttribute)\"/>"
                }
                out += "</generic:Attributes>"
            }
            out += "</generic:Obs>\n"
        }
        try sink.write(out)
    }

    public func end() throws {
        try sink.write(
            form == .structureSpecific
                ? "</message:DataSet>\n</message:StructureSpecificData>\n"
                : "</message:DataSet>\n</message:GenericData>\n")
    }
}
