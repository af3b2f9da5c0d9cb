import SDMXModel

/// One `structure` of an SDMX-JSON data message (1.0's `structure`, one of 2.0's `structures`): which
/// components sit at which level of the data and their value lists, through which the datasets'
/// indices are resolved.
struct SDMXJSONStructure {
    struct Component {
        var id: String
        /// The values an index points at: a code's id, else its `value` or (1.0's uncoded values) its name.
        var values: [String?]
        /// Whether the component has a value list: data then give an index into it, otherwise the value.
        var isListed: Bool
    }

    var reference: ArtefactReference?
    var dataSetDimensions: [Component] = []
    var seriesDimensions: [Component] = []
    var observationDimensions: [Component] = []
    var dataSetAttributes: [Component] = []
    var groupAttributes: [Component] = []
    var seriesAttributes: [Component] = []
    var observationAttributes: [Component] = []
    /// 2.0's measures; 1.0 has the primary measure only, first in each observation's array.
    var measures: [Component] = []
    /// What an observation's key and values run over, flat (at the dataset level) and in a series.
    private(set) var flatDimensions: [Component] = []
    private(set) var flatValues: [Component] = []
    private(set) var seriesObservationValues: [Component] = []

    init(_ node: JSONValue) {
        reference = Self.reference(in: node["links"]?.array ?? [])
        let dimensions = node["dimensions"]
        dataSetDimensions = Self.components(dimensions?["dataSet"])
        seriesDimensions = Self.components(dimensions?["series"])
        observationDimensions = Self.components(dimensions?["observation"])
        let attributes = node["attributes"]
        dataSetAttributes = Self.components(attributes?["dataSet"])
        groupAttributes = Self.components(attributes?["dimensionGroup"])
        seriesAttributes = Self.components(attributes?["series"])
        observationAttributes = Self.components(attributes?["observation"])
        measures = Self.components(node["measures"]?["observation"])
        if measures.isEmpty {
            measures = [Component(id: ComponentValue.primaryMeasureID, values: [], isListed: false)]
        }
        // Flat: the key runs over the series level's dimensions (if the structure has any) and the
        // observation level's; attributes of the series level follow the observation level's.
        flatDimensions = seriesDimensions + observationDimensions
        seriesObservationValues = measures + observationAttributes
        flatValues = seriesObservationValues + seriesAttributes
    }

    /// The dimension at the observation level as SDMX-ML's header would name it.
    var dimensionAtObservation: String {
        if seriesDimensions.isEmpty, observationDimensions.count > 1 { return "AllDimensions" }
        return observationDimensions.first?.id ?? "AllDimensions"
    }

    private static func components(_ node: JSONValue?) -> [Component] {
        (node?.array ?? []).map { component in
            let list = component["values"]
            var isListed = false
            if case .array = list { isListed = true }
            return Component(
                id: component["id"]?.text ?? "", values: (list?.array ?? []).map(value(of:)), isListed: isListed)
        }
    }

    /// A value list entry as the data mean it: the code's id, else its value, else its name.
    private static func value(of entry: JSONValue) -> String? {
        if let id = entry["id"]?.text { return id }
        if let value = entry["value"] { return value.localised ?? value.text }
        if let values = entry["values"] { return values.array.compactMap { $0.localised }.joined(separator: ",") }
        if let name = entry["name"]?.localised { return name }
        return entry["names"]?.localised
    }

    /// The dataflow (else the DSD, else the provision agreement) a structure's links name, by URN or
    /// by a REST address (`…/dataflow/ECB/EXR/1.0`).
    static func reference(in links: [JSONValue]) -> ArtefactReference? {
        var found: [String: ArtefactReference] = [:]
        for link in links {
            let rel = (link["rel"]?.text ?? "").lowercased()
            if let urn = link["urn"]?.text, let reference = ArtefactReference(urn: urn) {
                found[rel] = found[rel] ?? reference
            } else if let href = link["href"]?.text, let reference = restReference(href) {
                found[rel] = found[rel] ?? reference
            }
        }
        return found["dataflow"] ?? found["datastructure"] ?? found["structure"] ?? found["provisionagreement"]
            ?? found.values.first
    }

    private static func restReference(_ href: String) -> ArtefactReference? {
        let parts = href.split(separator: "/").map(String.init)
        for (kindName, kind) in [("dataflow", ArtefactKind.dataflow), ("datastructure", .dataStructure)] {
            guard let at = parts.lastIndex(of: kindName), at + 2 < parts.count else { continue }
            let version = at + 3 < parts.count ? parts[at + 3] : nil
            return ArtefactReference(
                kind: kind, agencyID: parts[at + 1], id: parts[at + 2],
                version: version == "latest" || version == "*" ? nil : version)
        }
        return nil
    }
}
