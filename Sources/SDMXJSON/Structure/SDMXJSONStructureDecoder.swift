import SDMXModel

/// Turns the tree of one SDMX-JSON artefact into the model, as ``StructureMessage`` holds it for SDMX-ML:
/// SDMX-JSON 2.0's names (`usage`, `dataType`, `dataConstraints`, `timeDimension`) and 1.0's
/// (`assignmentStatus`, `textType`, `contentConstraints`, `timeDimensions`, `primaryMeasure`) alike.
/// A member of the wrong JSON type where the model needs it (an id that is a number, codes that are not a
/// list) is an `INVALID_STRUCTURE` error naming the artefact and the member; members idac does not use are
/// read past.
struct SDMXJSONStructureDecoder {
    /// The containers whose items are streamed (decoded one by one) rather than built into the artefact's tree.
    static let streamedItems: [String: String] = ["codelists": "codes", "valueLists": "valueItems"]

    let source: String
    private(set) var message: StructureMessage
    private var streamedCodes: [Code] = []

    init(source: String) {
        self.source = source
        message = StructureMessage(source: source)
    }

    /// A code (or value item) of the list being read, decoded as soon as it ends.
    mutating func streamedItem(_ node: JSONValue, container: String, at location: SourceLocation) throws {
        let item = JSONNode(node, path: "an item of data.\(container)", location: location)
        streamedCodes.append(try code(item))
    }

    mutating func decode(_ tree: JSONValue, container: String, at location: SourceLocation) throws {
        let unnamed = JSONNode(tree, path: "an artefact of data.\(container)", location: location)
        let elementName = Self.elementName(of: container)
        // A value list is modelled as a code list, as the SDMX-ML reader does.
        let kind = container == "valueLists" ? .codelist : ArtefactKind(rawValue: elementName) ?? .other
        var info = try self.info(unnamed, kind: kind)
        let node = unnamed.named("\(info.reference.kind.displayName) \(info.reference)")
        // An external reference without a body is a stub pointing elsewhere: listed, not modelled.
        if try node.bool("isExternalReference") == true, streamedCodes.isEmpty, !node.hasBody {
            message.others.append(
                OtherArtefact(info: info, elementName: "\(elementName) (external reference)", itemCount: 0))
            return
        }
        switch container {
        case "agencySchemes":
            let agencies = try node.objects("agencies").map { Agency(id: try $0.string("id") ?? "", name: $0.name) }
            message.agencySchemes.append(AgencyScheme(info: info, agencies: agencies))
        case "codelists", "valueLists":
            var codes = streamedCodes
            streamedCodes = []
            codes += try node.objects(Self.streamedItems[container] ?? "codes").map(code)
            message.codelists.append(Codelist(info: info, codes: codes))
        case "conceptSchemes":
            let concepts = try node.objects("concepts").map { concept in
                Concept(
                    id: try concept.string("id") ?? "", name: concept.name,
                    coreRepresentation: try representation(concept.object("coreRepresentation")),
                    parentID: try concept.string("parent").map(Self.localID))
            }
            message.conceptSchemes.append(ConceptScheme(info: info, concepts: concepts))
        case "dataStructures":
            guard let components = try node.object("dataStructureComponents") else {
                // A stub: the DSD named, its components left out.
                info.isStub = true
                message.dataStructures.append(
                    DataStructure(
                        info: info, dimensions: [], timeDimension: nil, measures: [], attributes: [], groups: []))
                return
            }
            message.dataStructures.append(try dataStructure(components, info: info))
        case "dataflows":
            // A stub (`detail=allstubs`) names no structure: loaded as one, refused only by data that use it.
            let structure =
                try node.string("structure").flatMap(ArtefactReference.init(urn:)) ?? link(node, "structure")
            info.isStub = structure == nil
            message.dataflows.append(Dataflow(info: info, structure: structure))
        case "dataConstraints", "contentConstraints":
            message.constraints.append(try constraint(node, info: info))
        case "rulesetSchemes":
            message.rulesetSchemes.append(try rulesetScheme(node, info: info))
        default:
            message.others.append(OtherArtefact(info: info, elementName: elementName, itemCount: node.itemCount))
        }
    }

    /// `categorySchemes` → `CategoryScheme`, as SDMX-ML names the element.
    static func elementName(of container: String) -> String {
        switch container {
        case "hierarchies": return "Hierarchy"
        case "processes": return "Process"
        case "codelists": return "Codelist"
        default:
            let singular = container.hasSuffix("s") ? String(container.dropLast()) : container
            return singular.prefix(1).uppercased() + singular.dropFirst()
        }
    }

    // MARK: Common parts

    private func info(_ node: JSONNode, kind: ArtefactKind) throws -> MaintainableInfo {
        guard let id = try node.string("id"), let agency = try node.string("agencyID") else {
            throw node.invalid("has no id or agencyID")
        }
        let reference = ArtefactReference(
            kind: kind, agencyID: agency, id: id, version: try node.string("version") ?? "1.0")
        return MaintainableInfo(
            reference: reference, name: node.name, isFinal: try node.bool("isFinal") == true, source: source,
            line: node.location.line)
    }

    /// The artefact a `links` entry with this `rel` names by URN.
    private func link(_ node: JSONNode, _ rel: String) -> ArtefactReference? {
        for link in node.value["links"]?.array ?? [] where link["rel"]?.text?.lowercased() == rel {
            if let urn = link["urn"]?.text, let reference = ArtefactReference(urn: urn) { return reference }
        }
        return nil
    }

    /// A parent given as an id or as an item's URN.
    static func localID(_ text: String) -> String {
        guard text.hasPrefix("urn:"), let item = ItemReference(urn: text) else { return text }
        return item.itemID
    }

    private func code(_ node: JSONNode) throws -> Code {
        Code(id: try node.string("id") ?? "", name: node.name, parentID: try node.string("parent").map(Self.localID))
    }

    func representation(_ node: JSONNode?) throws -> Representation? {
        guard let node else { return nil }
        var result = Representation()
        if let enumeration = try node.string("enumeration") {
            guard let reference = ArtefactReference(urn: enumeration) else {
                throw node.invalid("names its enumeration '\(enumeration)', which is not an SDMX URN")
            }
            result.enumeration = reference
        }
        if let format = try node.object("format") ?? node.object("textFormat") ?? node.object("enumerationFormat") {
            result.textFormat = try textFormat(format)
        }
        result.minOccurs = try node.number("minOccurs").flatMap { Int($0) }
        result.maxOccurs = try node.number("maxOccurs").flatMap { Int($0) }
        return result.enumeration == nil && result.textFormat == nil && result.maxOccurs == nil ? nil : result
    }

    private func textFormat(_ node: JSONNode) throws -> TextFormat {
        let type = try node.string("dataType") ?? node.string("textType")
        var format = TextFormat(
            textType: type.map(TextType.init(rawValue:)) ?? .string,
            minLength: try node.number("minLength").flatMap { Int($0) },
            maxLength: try node.number("maxLength").flatMap { Int($0) }, pattern: try node.string("pattern"),
            minValue: try node.number("minValue").flatMap { Double($0) },
            maxValue: try node.number("maxValue").flatMap { Double($0) },
            decimals: try node.number("decimals").flatMap { Int($0) })
        format.isSequence = try node.bool("isSequence")
        format.interval = try node.number("interval").flatMap { Double($0) }
        format.startValue = try node.number("startValue").flatMap { Double($0) }
        format.endValue = try node.number("endValue").flatMap { Double($0) }
        format.startTime = try node.string("startTime")
        format.endTime = try node.string("endTime")
        return format
    }

    // MARK: Rules

    private func rulesetScheme(_ node: JSONNode, info: MaintainableInfo) throws -> RulesetScheme {
        let rulesets = try node.objects("rulesets").map { ruleset in
            Ruleset(
                id: try ruleset.string("id") ?? "", name: ruleset.name,
                rulesetType: try ruleset.string("rulesetType") ?? "",
                rulesetScope: try ruleset.string("rulesetScope") ?? "",
                definition: try ruleset.string("rulesetDefinition") ?? "", annotations: try annotations(ruleset))
        }
        return RulesetScheme(
            info: info, vtlVersion: try node.string("vtlVersion"), rulesets: rulesets,
            annotations: try annotations(node))
    }

    private func annotations(_ node: JSONNode) throws -> [Annotation] {
        try node.objects("annotations").map { annotation in
            Annotation(
                id: try annotation.string("id"), type: try annotation.string("type"),
                title: try annotation.string("title"),
                text: try annotation.value["texts"]?.localised ?? annotation.string("text"))
        }
    }
}
