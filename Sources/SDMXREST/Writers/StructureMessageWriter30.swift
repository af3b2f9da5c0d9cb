import Foundation
import SDMXModel

/// Writes a structure answer as an SDMX-ML 3.0 Structure message (`application/vnd.sdmx.structure+xml;
/// version=3.0.0`), valid against the official 3.0 schema: what SDMX REST 2.x clients (pysdmx's default)
/// ask for. It differs from 2.1 (``StructureMessageWriter``) in form, not in content: references are URNs
/// written as text, artefacts have no `isFinal`, a DSD has a `MeasureList` of `Measure`s and attributes a
/// `usage`, and a constraint is a `DataConstraint` with a `role`.
public struct StructureMessageWriter30: Sendable {
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

    private static let namespaces: KeyValuePairs<String, String?> = [
        "xmlns:mes": "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message",
        "xmlns:str": "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure",
        "xmlns:com": "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common",
    ]

    /// The whole message.
    public func message(for selection: StructureSelection) -> String {
        // The schema's order, which is alphabetical in 3.0.
        let groups: [(container: String, kinds: Set<ArtefactKind>)] = [
            ("str:AgencySchemes", [.agencyScheme]), ("str:Codelists", [.codelist]),
            ("str:ConceptSchemes", [.conceptScheme]), ("str:DataConstraints", [.contentConstraint]),
            ("str:Dataflows", [.dataflow]), ("str:DataStructures", [.dataStructure]),
            ("str:RulesetSchemes", [.rulesetScheme]),
        ]
        return StructureMessageEnvelope.message(
            namespaces: Self.namespaces, messageID: messageID, prepared: prepared, sender: sender, groups: groups,
            selection: selection
        ) { member, xml in write(member, into: &xml) }
    }

    // MARK: Artefacts

    private func write(_ selected: SelectedArtefact, into xml: inout XMLBuilder) {
        let artefact = selected.artefact
        let info = artefact.info
        let reference = info.reference
        let isStub = selected.presentation == .stub || selected.presentation == .completeStub
        var role: String?
        var vtlVersion: String?
        if case .constraint(let constraint) = artefact { role = constraint.type.rawValue }
        if case .rulesetScheme(let scheme) = artefact { vtlVersion = scheme.vtlVersion }
        let attributes: KeyValuePairs<String, String?> = [
            "id": reference.id, "urn": Self.urn(of: artefact), "agencyID": reference.agencyID,
            // An agency scheme's version is fixed by the schema and may not be written.
            "version": artefact.kind == .agencyScheme ? nil : reference.version ?? "1.0",
            "isExternalReference": isStub ? "true" : nil,
            "structureURL": isStub ? structureURL?(reference) : nil,
            "isPartial": selected.presentation == .partial ? "true" : nil,
            "role": role, "vtlVersion": vtlVersion,
        ]
        xml.start("str:" + Self.elementName(artefact), attributes)
        if selected.presentation != .stub {
            StructureMessageWriter.annotations(StructureMessageWriter.annotations(of: artefact), into: &xml)
        }
        StructureMessageWriter.name(info.name, into: &xml)
        if !isStub { body(of: artefact, into: &xml) }
        xml.end()
    }

    private func body(of artefact: StructureArtefact, into xml: inout XMLBuilder) {
        switch artefact {
        case .agencyScheme(let scheme):
            for agency in scheme.agencies {
                xml.start("str:Agency", ["id": agency.id])
                StructureMessageWriter.name(agency.name, into: &xml)
                xml.end()
            }
        case .codelist(let codelist):
            for code in codelist.codes {
                xml.start("str:Code", ["id": code.id])
                StructureMessageWriter.name(code.name, into: &xml)
                if let parent = code.parentID { xml.leaf("str:Parent", text: parent) }
                xml.end()
            }
        case .conceptScheme(let scheme):
            for concept in scheme.concepts {
                xml.start("str:Concept", ["id": concept.id])
                StructureMessageWriter.name(concept.name, into: &xml)
                if let parent = concept.parentID { xml.leaf("str:Parent", text: parent) }
                representation(concept.coreRepresentation, element: "str:CoreRepresentation", into: &xml)
                xml.end()
            }
        case .dataStructure(let structure):
            dataStructure(structure, into: &xml)
        case .dataflow(let flow):
            if let structure = flow.structure { xml.leaf("str:Structure", text: Self.urn(structure)) }
        case .constraint(let constraint):
            self.constraint(constraint, into: &xml)
        case .rulesetScheme(let scheme):
            for ruleset in scheme.rulesets {
                xml.start(
                    "str:Ruleset",
                    ["id": ruleset.id, "rulesetType": ruleset.rulesetType, "rulesetScope": ruleset.rulesetScope])
                StructureMessageWriter.annotations(ruleset.annotations, into: &xml)
                StructureMessageWriter.name(ruleset.name, into: &xml)
                xml.leaf("str:RulesetDefinition", text: ruleset.definition)
                xml.end()
            }
        }
    }

    /// A component's or concept's representation: an enumeration by URN (with its format) or a text format.
    func representation(_ representation: Representation?, element: String, into xml: inout XMLBuilder) {
        guard let representation, representation.enumeration != nil || representation.textFormat != nil else {
            return
        }
        xml.start(element)
        if let enumeration = representation.enumeration {
            xml.leaf("str:Enumeration", text: Self.urn(enumeration))
            if let format = representation.textFormat {
                StructureMessageWriter.textFormat(format, element: "str:EnumerationFormat", into: &xml)
            }
        } else if let format = representation.textFormat {
            StructureMessageWriter.textFormat(format, element: "str:TextFormat", into: &xml)
        }
        xml.end()
    }

    // MARK: Names

    static func elementName(_ artefact: StructureArtefact) -> String {
        if case .constraint = artefact { return "DataConstraint" }
        return StructureMessageWriter.elementName(artefact)
    }

    static func urn(of artefact: StructureArtefact) -> String {
        let reference = artefact.reference
        return "urn:sdmx:org.sdmx.infomodel.\(artefact.kind.urnPackage).\(elementName(artefact))="
            + "\(reference.agencyID):\(reference.id)(\(reference.version ?? "1.0"))"
    }

    /// The URN of a referenced maintainable artefact (`…codelist.Codelist=SDMX:CL_FREQ(2.1)`).
    static func urn(_ reference: ArtefactReference) -> String {
        let kind = reference.kind == .contentConstraint ? "DataConstraint" : reference.kind.rawValue
        return "urn:sdmx:org.sdmx.infomodel.\(reference.kind.urnPackage).\(kind)="
            + "\(reference.agencyID):\(reference.id)(\(reference.version ?? "1.0"))"
    }
}
