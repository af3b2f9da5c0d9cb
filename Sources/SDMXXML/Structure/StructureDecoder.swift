import SDMXModel

/// Turns the element tree of one maintainable artefact into the model.
struct StructureDecoder {
    let source: String
    private(set) var message: StructureMessage
    /// The codes of the code list being read, decoded as they ended (``streamedCode(_:)``).
    private var streamedCodes: [Code] = []

    init(source: String) {
        self.source = source
        self.message = StructureMessage(source: source)
    }

    mutating func decode(_ node: XMLNode, container: String) throws {
        // An external reference is a stub pointing elsewhere (`structureURL`): listed, not modelled.
        if node[attribute: "isExternalReference"] == "true", streamedCodes.isEmpty,
            node.children.allSatisfy({ ["Name", "Description", "Annotations"].contains($0.name) })
        {
            let kind = ArtefactKind(rawValue: node.name) ?? .other
            message.others.append(
                OtherArtefact(
                    info: try info(node, kind: kind),
                    elementName: "\(node.name) (external reference)", itemCount: 0))
            return
        }
        switch node.name {
        case "AgencyScheme":
            message.agencySchemes.append(
                AgencyScheme(
                    info: try info(node, kind: .agencyScheme),
                    agencies: node.children("Agency").map {
                        Agency(id: $0[attribute: "id"] ?? "", name: $0.localisedName)
                    }))
        case "Codelist", "ValueList":
            message.codelists.append(try codelist(node))
        case "ConceptScheme":
            message.conceptSchemes.append(try conceptScheme(node))
        case "DataStructure":
            message.dataStructures.append(try dataStructure(node))
        case "Dataflow":
            var info = try info(node, kind: .dataflow)
            // A stub (`detail=allstubs`) names no structure: loaded as one, refused only by data that use it.
            let structure = node.child("Structure").flatMap { reference(in: $0, kind: .dataStructure) }
            info.isStub = structure == nil
            message.dataflows.append(Dataflow(info: info, structure: structure))
        case "ContentConstraint", "DataConstraint":
            message.constraints.append(try constraint(node))
        case "RulesetScheme":
            message.rulesetSchemes.append(try rulesetScheme(node))
        default:
            let kind = ArtefactKind(rawValue: node.name) ?? .other
            message.others.append(
                OtherArtefact(
                    info: try info(node, kind: kind), elementName: node.name,
                    itemCount: node.children.filter { $0[attribute: "id"] != nil }.count))
        }
    }

    // MARK: Common parts

    private func info(_ node: XMLNode, kind: ArtefactKind) throws -> MaintainableInfo {
        guard let id = node[attribute: "id"], let agency = node[attribute: "agencyID"] else {
            throw invalid(node, "a \(node.name) has no id or agencyID")
        }
        let reference = ArtefactReference(
            kind: kind, agencyID: agency, id: id, version: node[attribute: "version"] ?? "1.0")
        return MaintainableInfo(
            reference: reference, name: node.localisedName,
            isFinal: node[attribute: "isFinal"] == "true", source: source, line: node.line)
    }

    private func invalid(_ node: XMLNode, _ message: String) -> SDMXError {
        SDMXError(.invalidStructure, message, location: SourceLocation(file: source, line: node.line, column: 0))
    }

    /// A reference given as `<Ref …/>`, `<URN>…</URN>` or (SDMX 3.0) as the element's own URN text.
    private func reference(in node: XMLNode, kind: ArtefactKind) -> ArtefactReference? {
        if let ref = node.child("Ref"), let id = ref[attribute: "id"] {
            let refKind = ref[attribute: "class"].flatMap(ArtefactKind.init(rawValue:)) ?? kind
            let agency = ref[attribute: "agencyID"] ?? ""
            return ArtefactReference(
                kind: refKind, agencyID: agency, id: id, version: ref[attribute: "version"] ?? "1.0")
        }
        if let urn = node.childText("URN") ?? nonEmpty(node.text.trimmingSpaces()) {
            return ArtefactReference(urn: urn)
        }
        return nil
    }

    private func itemReference(in node: XMLNode, kind: ArtefactKind) -> ItemReference? {
        if let ref = node.child("Ref"), let id = ref[attribute: "id"] {
            let parent = ArtefactReference(
                kind: kind, agencyID: ref[attribute: "agencyID"] ?? "",
                id: ref[attribute: "maintainableParentID"] ?? "",
                version: ref[attribute: "maintainableParentVersion"] ?? "1.0")
            return ItemReference(parent: parent, itemID: id)
        }
        if let urn = node.childText("URN") ?? nonEmpty(node.text.trimmingSpaces()) {
            return ItemReference(urn: urn)
        }
        return nil
    }

    private func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// The id a `<Ref id="…"/>` child names (local references inside a DSD).
    private func localID(in node: XMLNode) -> String? {
        if let id = node.child("Ref")?[attribute: "id"] { return id }
        let text = node.text.trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    private func representation(_ node: XMLNode?) -> Representation? {
        guard let node else { return nil }
        var result = Representation()
        if let enumeration = node.child("Enumeration") {
            result.enumeration = reference(in: enumeration, kind: .codelist)
        }
        if let format = node.child("TextFormat") ?? node.child("EnumerationFormat") {
            result.textFormat = textFormat(format)
        }
        result.minOccurs = node[attribute: "minOccurs"].flatMap { Int($0) }
        result.maxOccurs = node[attribute: "maxOccurs"].flatMap { Int($0) }
        return result.enumeration == nil && result.textFormat == nil && result.maxOccurs == nil ? nil : result
    }

    private func textFormat(_ node: XMLNode) -> TextFormat {
        let a = node.attributes
        var format = TextFormat(
            textType: a["textType"].map(TextType.init(rawValue:)) ?? .string,
            minLength: a["minLength"].flatMap { Int($0) }, maxLength: a["maxLength"].flatMap { Int($0) },
            pattern: a["pattern"], minValue: a["minValue"].flatMap { Double($0) },
            maxValue: a["maxValue"].flatMap { Double($0) }, decimals: a["decimals"].flatMap { Int($0) })
        format.isSequence = a["isSequence"].map { $0 == "true" }
        format.interval = a["interval"].flatMap { Double($0) }
        format.startValue = a["startValue"].flatMap { Double($0) }
        format.endValue = a["endValue"].flatMap { Double($0) }
        format.startTime = a["startTime"]
        format.endTime = a["endTime"]
        return format
    }

    // MARK: Item schemes

    /// Decodes a code of the code list being read, as soon as its element ends.
    mutating func streamedCode(_ node: XMLNode) {
        streamedCodes.append(code(node))
    }

    private func code(_ node: XMLNode) -> Code {
        Code(
            id: node[attribute: "id"] ?? "", name: node.localisedName,
            parentID: node.child("Parent").flatMap { localID(in: $0) } ?? node[attribute: "parentCode"])
    }

    private mutating func codelist(_ node: XMLNode) throws -> Codelist {
        var codes = streamedCodes
        streamedCodes = []
        codes += node.children.filter { $0.name == "Code" || $0.name == "ValueItem" }.map(code)
        return Codelist(info: try info(node, kind: .codelist), codes: codes)
    }

    private func conceptScheme(_ node: XMLNode) throws -> ConceptScheme {
        let concepts = node.children("Concept").map { concept in
            Concept(
                id: concept[attribute: "id"] ?? "", name: concept.localisedName,
                coreRepresentation: representation(concept.child("CoreRepresentation")),
                parentID: concept.child("Parent").flatMap { localID(in: $0) })
        }
        return ConceptScheme(info: try info(node, kind: .conceptScheme), concepts: concepts)
    }

    // MARK: Data structure

    private func component(_ node: XMLNode) -> Component {
        let concept = node.child("ConceptIdentity").flatMap { itemReference(in: $0, kind: .conceptScheme) }
        return Component(
            id: node[attribute: "id"] ?? concept?.itemID ?? "",
            conceptIdentity: concept,
            localRepresentation: representation(node.child("LocalRepresentation")))
    }

    private func dataStructure(_ node: XMLNode) throws -> DataStructure {
        var info = try info(node, kind: .dataStructure)
        guard let components = node.child("DataStructureComponents") else {
            // A stub: the DSD named, its components left out.
            info.isStub = true
            return DataStructure(
                info: info, dimensions: [], timeDimension: nil, measures: [], attributes: [], groups: [])
        }
        var dimensions: [Dimension] = []
        var time: Component?
        for (order, child) in (components.child("DimensionList")?.children ?? []).enumerated() {
            switch child.name {
            case "Dimension", "MeasureDimension":
                let position = child[attribute: "position"].flatMap { Int($0) } ?? order + 1
                dimensions.append(Dimension(component: component(child), position: position))
            case "TimeDimension":
                time = component(child)
            default:
                break
            }
        }
        let groups = components.children("Group").map { group in
            GroupDescriptor(
                id: group[attribute: "id"] ?? "",
                dimensionIDs: group.children("GroupDimension").compactMap { groupDimension in
                    groupDimension.child("DimensionReference").flatMap { localID(in: $0) }
                }
                    + group.children("GroupDimension").filter { $0.child("DimensionReference") == nil }
                    .compactMap { localID(in: $0) })
        }
        let attributes = (components.child("AttributeList")?.children ?? [])
            .filter { $0.name == "Attribute" }
            .map { attribute in
                DataAttribute(
                    component: component(attribute),
                    assignmentStatus: attribute[attribute: "assignmentStatus"] == "Mandatory"
                        || attribute[attribute: "usage"] == "mandatory" ? .mandatory : .conditional,
                    attachment: attachment(attribute.child("AttributeRelationship")))
            }
        let measures = (components.child("MeasureList")?.children ?? [])
            .filter { $0.name == "PrimaryMeasure" || $0.name == "Measure" }
            .map(component)
        return DataStructure(
            info: info, dimensions: dimensions, timeDimension: time, measures: measures,
            attributes: attributes, groups: groups)
    }

    private func attachment(_ relationship: XMLNode?) -> AttributeAttachment {
        guard let relationship else { return .dataSet }
        if relationship.child("PrimaryMeasure") != nil || relationship.child("Observation") != nil {
            return .observation
        }
        let dimensions = relationship.children("Dimension").compactMap { localID(in: $0) }
        if !dimensions.isEmpty { return .dimensions(dimensions) }
        if let group = relationship.child("Group").flatMap({ localID(in: $0) }) { return .group(group) }
        return .dataSet
    }

    // MARK: Constraints and rules

    private func constraint(_ node: XMLNode) throws -> ContentConstraint {
        let info = try info(node, kind: node.name == "DataConstraint" ? .dataConstraint : .contentConstraint)
        let attachments = (node.child("ConstraintAttachment")?.children ?? []).compactMap {
            child -> ArtefactReference? in
            let kind = ArtefactKind(rawValue: child.name) ?? .other
            return reference(in: child, kind: kind)
        }
        let regions = node.children("CubeRegion").map { region in
            CubeRegion(
                isIncluded: region[attribute: "include"] != "false",
                keyValues: region.children("KeyValue").map(memberSelection),
                attributeValues: region.children("Attribute").map(memberSelection))
        }
        let keySets = node.children("DataKeySet").map { set in
            DataKeySet(
                isIncluded: set[attribute: "isIncluded"] != "false",
                keys: set.children("Key").map { key in
                    var values: [String: String] = [:]
                    for keyValue in key.children("KeyValue") {
                        if let id = keyValue[attribute: "id"], let value = keyValue.childText("Value") {
                            values[id] = value
                        }
                    }
                    return values
                })
        }
        let type: ContentConstraint.ConstraintType =
            node[attribute: "type"] == "Actual" || node[attribute: "role"] == "Actual" ? .actual : .allowed
        return ContentConstraint(
            info: info, type: type, attachments: attachments, cubeRegions: regions, dataKeySets: keySets)
    }

    private func memberSelection(_ node: XMLNode) -> MemberSelection {
        var range: TimeRangeSelection?
        if let time = node.child("TimeRange") {
            func period(_ name: String) -> (String, Bool)? {
                time.child(name).map { ($0.text.trimmingSpaces(), $0[attribute: "isInclusive"] != "false") }
            }
            let start = period("StartPeriod") ?? period("AfterPeriod")
            let end = period("EndPeriod") ?? period("BeforePeriod")
            range = TimeRangeSelection(
                start: start?.0, startInclusive: start?.1 ?? true, end: end?.0, endInclusive: end?.1 ?? true)
        }
        return MemberSelection(
            componentID: node[attribute: "id"] ?? "", isIncluded: node[attribute: "include"] != "false",
            values: node.children("Value").map { $0.text.trimmingSpaces() }, timeRange: range)
    }

    private func rulesetScheme(_ node: XMLNode) throws -> RulesetScheme {
        let rulesets = node.children("Ruleset").map { ruleset in
            Ruleset(
                id: ruleset[attribute: "id"] ?? "", name: ruleset.localisedName,
                rulesetType: ruleset[attribute: "rulesetType"] ?? "",
                rulesetScope: ruleset[attribute: "rulesetScope"] ?? "",
                definition: ruleset.childText("RulesetDefinition") ?? "",
                annotations: annotations(ruleset))
        }
        return RulesetScheme(
            info: try info(node, kind: .rulesetScheme), vtlVersion: node[attribute: "vtlVersion"],
            rulesets: rulesets, annotations: annotations(node))
    }

    private func annotations(_ node: XMLNode) -> [Annotation] {
        (node.child("Annotations")?.children("Annotation") ?? []).map { annotation in
            Annotation(
                id: annotation[attribute: "id"], type: annotation.childText("AnnotationType"),
                title: annotation.childText("AnnotationTitle"), text: annotation.childText("AnnotationText"))
        }
    }
}
