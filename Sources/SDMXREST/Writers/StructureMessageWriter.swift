import Foundation
import SDMXModel

/// Writes a structure answer as an SDMX-ML 2.1 Structure message (`application/vnd.sdmx.structure+xml;
/// version=2.1`), valid against the official schema: a prefixed `mes:Structure` root (pysdmx sniffs it), a
/// header, and the artefacts in the schema's order. Stubs are written as external references with only
/// their name; partial item schemes carry `isPartial="true"`.
public struct StructureMessageWriter: Sendable {
    /// The header's `Sender` id.
    public var sender: String
    /// The header's message `ID` (an SDMX IDType: letters, digits, `_@$-`).
    public var messageID: String
    /// When the message was prepared.
    public var prepared: Date
    /// Where a stub's full definition can be fetched (its `structureURL`); `nil` writes none.
    public var structureURL: (@Sendable (ArtefactReference) -> String)?

    /// A writer with the service's header; `prepared` defaults to now.
    public init(
        sender: String = "IDAC", messageID: String = "IDAC_STRUCTURE", prepared: Date = Date(),
        structureURL: (@Sendable (ArtefactReference) -> String)? = nil
    ) {
        self.sender = sender
        self.messageID = messageID
        self.prepared = prepared
        self.structureURL = structureURL
    }

    /// The media type of what ``message(for:)`` writes.
    public static let mediaType = "application/vnd.sdmx.structure+xml;version=2.1"

    private static let namespaces: KeyValuePairs<String, String?> = [
        "xmlns:mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
        "xmlns:str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
        "xmlns:com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
    ]

    /// The whole message.
    public func message(for selection: StructureSelection) -> String {
        let groups: [(container: String, kinds: Set<ArtefactKind>)] = [
            ("str:OrganisationSchemes", [.agencyScheme]), ("str:Dataflows", [.dataflow]),
            ("str:Codelists", [.codelist]), ("str:Concepts", [.conceptScheme]),
            ("str:DataStructures", [.dataStructure]), ("str:Constraints", [.contentConstraint]),
            ("str:Rulesets", [.rulesetScheme]),
        ]
        return StructureMessageEnvelope.message(
            namespaces: Self.namespaces, messageID: messageID, prepared: prepared, sender: sender, groups: groups,
            selection: selection
        ) { member, xml in write(member, into: &xml) }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    // MARK: Artefacts

    private func write(_ selected: SelectedArtefact, into xml: inout XMLBuilder) {
        let artefact = selected.artefact
        let info = artefact.info
        let reference = info.reference
        let element = "str:" + Self.elementName(artefact)
        let isStub = selected.presentation == .stub || selected.presentation == .completeStub
        let urn = Self.urn(of: artefact)
        var type: String?
        var vtlVersion: String?
        if case .constraint(let constraint) = artefact { type = constraint.type.rawValue }
        if case .rulesetScheme(let scheme) = artefact { vtlVersion = scheme.vtlVersion }
        let attributes: KeyValuePairs<String, String?> = [
            "id": reference.id, "urn": urn, "agencyID": reference.agencyID, "version": reference.version ?? "1.0",
            "isFinal": selected.presentation == .stub ? nil : String(info.isFinal),
            "isExternalReference": isStub ? "true" : nil,
            "structureURL": isStub ? structureURL?(reference) : nil,
            "isPartial": selected.presentation == .partial ? "true" : nil,
            "type": type, "vtlVersion": vtlVersion,
        ]
        xml.start(element, attributes)
        if selected.presentation != .stub { Self.annotations(Self.annotations(of: artefact), into: &xml) }
        Self.name(info.name, into: &xml)
        if !isStub { body(of: artefact, into: &xml) }
        xml.end()
    }

    private func body(of artefact: StructureArtefact, into xml: inout XMLBuilder) {
        switch artefact {
        case .agencyScheme(let scheme):
            for agency in scheme.agencies {
                xml.start("str:Agency", ["id": agency.id])
                Self.name(agency.name, into: &xml)
                xml.end()
            }
        case .codelist(let codelist):
            for code in codelist.codes {
                xml.start("str:Code", ["id": code.id])
                Self.name(code.name, into: &xml)
                if let parent = code.parentID {
                    xml.start("str:Parent")
                    xml.empty("Ref", ["id": parent])
                    xml.end()
                }
                xml.end()
            }
        case .conceptScheme(let scheme):
            for concept in scheme.concepts {
                xml.start("str:Concept", ["id": concept.id])
                Self.name(concept.name, into: &xml)
                if let parent = concept.parentID {
                    xml.start("str:Parent")
                    xml.empty("Ref", ["id": parent])
                    xml.end()
                }
                representation(concept.coreRepresentation, element: "str:CoreRepresentation", into: &xml)
                xml.end()
            }
        case .dataStructure(let structure):
            dataStructure(structure, into: &xml)
        case .dataflow(let flow):
            if let structure = flow.structure {
                xml.start("str:Structure")
                Self.ref(structure, into: &xml)
                xml.end()
            }
        case .constraint(let constraint):
            self.constraint(constraint, into: &xml)
        case .rulesetScheme(let scheme):
            for ruleset in scheme.rulesets {
                xml.start(
                    "str:Ruleset",
                    ["id": ruleset.id, "rulesetType": ruleset.rulesetType, "rulesetScope": ruleset.rulesetScope])
                Self.annotations(ruleset.annotations, into: &xml)
                Self.name(ruleset.name, into: &xml)
                xml.leaf("str:RulesetDefinition", text: ruleset.definition)
                xml.end()
            }
        }
    }

    // MARK: Parts

    static func name(_ text: String, into xml: inout XMLBuilder) {
        xml.leaf("com:Name", ["xml:lang": "en"], text: text)
    }

    static func annotations(_ annotations: [Annotation], into xml: inout XMLBuilder) {
        guard !annotations.isEmpty else { return }
        xml.start("com:Annotations")
        for annotation in annotations {
            xml.start("com:Annotation", ["id": annotation.id])
            if let title = annotation.title { xml.leaf("com:AnnotationTitle", text: title) }
            if let type = annotation.type { xml.leaf("com:AnnotationType", text: type) }
            if let text = annotation.text { xml.leaf("com:AnnotationText", ["xml:lang": "en"], text: text) }
            xml.end()
        }
        xml.end()
    }

    /// A `<Ref …/>` to a maintainable artefact, with its class and package.
    static func ref(_ reference: ArtefactReference, into xml: inout XMLBuilder) {
        xml.empty(
            "Ref",
            [
                "agencyID": reference.agencyID, "id": reference.id, "version": reference.version ?? "1.0",
                "class": className(reference.kind), "package": reference.kind.urnPackage,
            ])
    }

    /// A component's or concept's representation: an enumeration (with its format) or a text format.
    func representation(_ representation: Representation?, element: String, into xml: inout XMLBuilder) {
        guard let representation else { return }
        xml.start(element)
        if let enumeration = representation.enumeration {
            xml.start("str:Enumeration")
            Self.ref(enumeration, into: &xml)
            xml.end()
            if let format = representation.textFormat {
                Self.textFormat(format, element: "str:EnumerationFormat", into: &xml)
            }
        } else if let format = representation.textFormat {
            Self.textFormat(format, element: "str:TextFormat", into: &xml)
        }
        xml.end()
    }

    static func textFormat(_ format: TextFormat, element: String, into xml: inout XMLBuilder) {
        xml.empty(
            element,
            [
                "textType": element == "str:EnumerationFormat" && format.textType == .string
                    ? nil : format.textType.rawValue,
                "isSequence": format.isSequence.map(String.init), "interval": format.interval.map(number),
                "startValue": format.startValue.map(number), "endValue": format.endValue.map(number),
                "startTime": format.startTime, "endTime": format.endTime,
                "minLength": format.minLength.map(String.init), "maxLength": format.maxLength.map(String.init),
                "minValue": format.minValue.map(number), "maxValue": format.maxValue.map(number),
                "decimals": format.decimals.map(String.init), "pattern": format.pattern,
            ])
    }

    /// A number as xs:decimal writes it: no exponent, no trailing `.0` for whole numbers.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = String(value)
        guard text.contains("e") else { return text }
        return String(format: "%.17f", value).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
    }

    // MARK: Names

    static func elementName(_ artefact: StructureArtefact) -> String {
        switch artefact {
        case .agencyScheme: "AgencyScheme"
        case .codelist: "Codelist"
        case .conceptScheme: "ConceptScheme"
        case .dataStructure: "DataStructure"
        case .dataflow: "Dataflow"
        case .constraint: "ContentConstraint"
        case .rulesetScheme: "RulesetScheme"
        }
    }

    static func className(_ kind: ArtefactKind) -> String {
        kind == .dataConstraint ? "ContentConstraint" : kind.rawValue
    }

    /// `urn:sdmx:org.sdmx.infomodel.codelist.Codelist=SDMX:CL_FREQ(2.1)`.
    static func urn(of artefact: StructureArtefact) -> String {
        let reference = artefact.reference
        return "urn:sdmx:org.sdmx.infomodel.\(artefact.kind.urnPackage).\(elementName(artefact))="
            + "\(reference.agencyID):\(reference.id)(\(reference.version ?? "1.0"))"
    }

    static func annotations(of artefact: StructureArtefact) -> [Annotation] {
        if case .rulesetScheme(let scheme) = artefact { return scheme.annotations }
        if case .constraint(let constraint) = artefact { return constraint.annotations }
        return []
    }
}
