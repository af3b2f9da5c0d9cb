import Foundation
import SDMXModel

/// Writes a structure answer as an SDMX-JSON 2.0.0 structure message (`application/vnd.sdmx.structure+json;
/// version=2.0.0`), valid against the official JSON schema: what pysdmx's registry client asks for. SDMX-JSON
/// 2.0 follows the SDMX 3.0 information model, so a 2.1 structure is written the 3.0 way: references are
/// URNs, attributes say `usage`, measures are a list, content constraints are `dataConstraints`. Stubs carry
/// `isExternalReference` and a link to their full definition; partial item schemes `isPartial`.
public struct JSONStructureMessageWriter: Sendable {
    /// The header's `sender` id.
    public var sender: String
    /// The message's `id`.
    public var messageID: String
    /// When the message was prepared (written as `prepared`, UTC).
    public var prepared: Date
    /// Where a stub's full definition can be fetched; `nil` writes no link.
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

    static let schema =
        "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/schemas/2.0.0/"
        + "sdmx-json-structure-schema.json"

    typealias Value = JSONWriter.Value

    /// The whole message.
    public func message(for selection: StructureSelection) -> String {
        let meta: Value = .object([
            ("schema", .string(Self.schema)), ("id", .string(messageID)), ("test", .bool(false)),
            ("prepared", .string(StructureMessageWriter.timestamp(prepared))),
            ("contentLanguages", .array([.string("en")])), ("sender", .object([("id", .string(sender))])),
        ])
        let groups: [(name: String, kind: ArtefactKind)] = [
            ("agencySchemes", .agencyScheme), ("dataflows", .dataflow), ("codelists", .codelist),
            ("conceptSchemes", .conceptScheme), ("dataStructures", .dataStructure),
            ("dataConstraints", .contentConstraint), ("rulesetSchemes", .rulesetScheme),
        ]
        var data: [(String, Value)] = []
        for group in groups {
            let members = selection.artefacts.filter { $0.artefact.kind == group.kind }
            guard !members.isEmpty else { continue }
            data.append((group.name, .array(members.map(artefact))))
        }
        return JSONWriter.encode(.object([("meta", meta), ("data", .object(data))])) + "\n"
    }

    // MARK: Artefacts

    private func artefact(_ selected: SelectedArtefact) -> Value {
        let artefact = selected.artefact
        let reference = artefact.reference
        let isStub = selected.presentation == .stub || selected.presentation == .completeStub
        var members: [(String, Value)] = [
            ("id", .string(reference.id)), ("version", .string(reference.version ?? "1.0")),
            ("agencyID", .string(reference.agencyID)),
        ]
        var link: [(String, Value)] = [("rel", .string("self")), ("urn", .string(Self.urn(of: artefact)))]
        if isStub, let url = structureURL?(reference) { link.insert(("href", .string(url)), at: 0) }
        members.append(("links", .array([.object(link)])))
        if isStub { members.append(("isExternalReference", .bool(true))) }
        // Written as SDMX-ML 2.1 writes it, so that a structure read back from JSON is final as it was.
        if selected.presentation != .stub { members.append(("isFinal", .bool(artefact.info.isFinal))) }
        if selected.presentation == .partial { members.append(("isPartial", .bool(true))) }
        members += Self.names(artefact.info.name)
        if selected.presentation != .stub, case .rulesetScheme(let scheme) = artefact, !scheme.annotations.isEmpty {
            members.append(("annotations", Self.annotations(scheme.annotations)))
        }
        if !isStub { members += body(of: artefact) }
        return .object(members)
    }

    private func body(of artefact: StructureArtefact) -> [(String, Value)] {
        switch artefact {
        case .agencyScheme(let scheme):
            guard !scheme.agencies.isEmpty else { return [] }
            return [
                ("agencies", .array(scheme.agencies.map { .object([("id", .string($0.id))] + Self.names($0.name)) }))
            ]
        case .codelist(let codelist):
            guard !codelist.codes.isEmpty else { return [] }
            return [
                (
                    "codes",
                    .array(
                        codelist.codes.map { code in
                            .object(
                                [("id", .string(code.id))] + Self.names(code.name)
                                    + (code.parentID.map { [("parent", .string($0))] } ?? []))
                        })
                )
            ]
        case .conceptScheme(let scheme):
            guard !scheme.concepts.isEmpty else { return [] }
            return [
                (
                    "concepts",
                    .array(
                        scheme.concepts.map { concept in
                            var members: [(String, Value)] = [("id", .string(concept.id))] + Self.names(concept.name)
                            if let representation = Self.representation(concept.coreRepresentation, simple: false) {
                                members.append(("coreRepresentation", representation))
                            }
                            if let parent = concept.parentID { members.append(("parent", .string(parent))) }
                            return .object(members)
                        })
                )
            ]
        case .dataStructure(let structure):
            return [("dataStructureComponents", Self.components(of: structure))]
        case .dataflow(let flow):
            return flow.structure.map { [("structure", .string(Self.urn($0)))] } ?? []
        case .constraint(let constraint):
            return Self.constraint(constraint)
        case .rulesetScheme(let scheme):
            var members: [(String, Value)] = scheme.vtlVersion.map { [("vtlVersion", .string($0))] } ?? []
            if !scheme.rulesets.isEmpty {
                members.append(
                    (
                        "rulesets",
                        .array(
                            scheme.rulesets.map { ruleset in
                                var fields: [(String, Value)] = [("id", .string(ruleset.id))]
                                if !ruleset.annotations.isEmpty {
                                    fields.append(("annotations", Self.annotations(ruleset.annotations)))
                                }
                                return .object(
                                    fields + Self.names(ruleset.name) + [
                                        ("rulesetDefinition", .string(ruleset.definition)),
                                        ("rulesetType", .string(ruleset.rulesetType)),
                                        ("rulesetScope", .string(ruleset.rulesetScope)),
                                    ])
                            })
                    ))
            }
            return members
        }
    }

    // MARK: Data structures

    static func components(of structure: DataStructure) -> Value {
        var dimensionList: [(String, Value)] = [("id", .string("DimensionDescriptor"))]
        if !structure.dimensions.isEmpty {
            dimensionList.append(
                (
                    "dimensions",
                    .array(
                        structure.dimensions.map { dimension in
                            .object(
                                [("id", .string(dimension.id)), ("position", .int(dimension.position))]
                                    + component(dimension.component, simple: true))
                        })
                ))
        }
        if let time = structure.timeDimension {
            var format: [(String, Value)] = []
            let type = time.localRepresentation?.textFormat?.textType.rawValue ?? ""
            format.append(("dataType", .string(timeDataTypes.contains(type) ? type : "ObservationalTimePeriod")))
            var members: [(String, Value)] = [("id", .string(time.id))]
            if let concept = time.conceptIdentity { members.append(("conceptIdentity", .string(urn(concept)))) }
            members.append(("localRepresentation", .object([("format", .object(format))])))
            dimensionList.append(("timeDimension", .object(members)))
        }
        var members: [(String, Value)] = []
        if !structure.attributes.isEmpty {
            let attributes: [Value] = structure.attributes.map { attribute in
                let relationship: Value =
                    switch attribute.attachment {
                    case .dataSet: .object([("dataflow", .object([]))])
                    case .group(let id): .object([("group", .string(id))])
                    case .dimensions(let ids): .object([("dimensions", .array(ids.map { .string($0) }))])
                    case .observation: .object([("observation", .object([]))])
                    }
                return .object(
                    [
                        ("id", .string(attribute.id)),
                        ("usage", .string(attribute.isMandatory ? "mandatory" : "optional")),
                        ("attributeRelationship", relationship),
                    ] + component(attribute.component, simple: false))
            }
            members.append(
                (
                    "attributeList",
                    .object([("id", .string("AttributeDescriptor")), ("attributes", .array(attributes))])
                ))
        }
        members.append(("dimensionList", .object(dimensionList)))
        if !structure.groups.isEmpty {
            members.append(
                (
                    "groups",
                    .array(
                        structure.groups.map { group in
                            .object([
                                ("id", .string(group.id)),
                                ("groupDimensions", .array(group.dimensionIDs.map { .string($0) })),
                            ])
                        })
                ))
        }
        if !structure.measures.isEmpty {
            let measures: [Value] = structure.measures.map { measure in
                .object([("id", .string(measure.id))] + component(measure, simple: false))
            }
            members.append(
                ("measureList", .object([("id", .string("MeasureDescriptor")), ("measures", .array(measures))])))
        }
        return .object(members)
    }

    private static func component(_ component: Component, simple: Bool) -> [(String, Value)] {
        var members: [(String, Value)] = []
        if let concept = component.conceptIdentity { members.append(("conceptIdentity", .string(urn(concept)))) }
        if let representation = representation(component.localRepresentation, simple: simple) {
            members.append(("localRepresentation", representation))
        }
        return members
    }

    /// An enumeration (by URN) or a text format; `simple` for a dimension's, which allows fewer data types.
    static func representation(_ representation: Representation?, simple: Bool) -> Value? {
        guard let representation else { return nil }
        if let enumeration = representation.enumeration {
            return .object([("enumeration", .string(urn(enumeration)))])
        }
        guard let format = representation.textFormat else { return nil }
        var members: [(String, Value)] = []
        let type = format.textType.rawValue
        if !(simple && type == "XHTML") { members.append(("dataType", .string(type))) }
        if let value = format.isSequence { members.append(("isSequence", .bool(value))) }
        if let value = format.interval { members.append(("interval", .raw(StructureMessageWriter.number(value)))) }
        if let value = format.startValue {
            members.append(("startValue", .raw(StructureMessageWriter.number(value))))
        }
        if let value = format.endValue { members.append(("endValue", .raw(StructureMessageWriter.number(value)))) }
        if let value = format.minLength, value >= 1 { members.append(("minLength", .int(value))) }
        if let value = format.maxLength, value >= 1 { members.append(("maxLength", .int(value))) }
        if let value = format.minValue { members.append(("minValue", .raw(StructureMessageWriter.number(value)))) }
        if let value = format.maxValue { members.append(("maxValue", .raw(StructureMessageWriter.number(value)))) }
        if let value = format.decimals, value >= 1 { members.append(("decimals", .int(value))) }
        if let value = format.pattern { members.append(("pattern", .string(value))) }
        return .object([("format", .object(members))])
    }

    static let timeDataTypes: Set<String> = [
        "ObservationalTimePeriod", "StandardTimePeriod", "BasicTimePeriod", "GregorianTimePeriod", "GregorianYear",
        "GregorianYearMonth", "GregorianDay", "ReportingTimePeriod", "ReportingYear", "ReportingSemester",
        "ReportingTrimester", "ReportingQuarter", "ReportingMonth", "ReportingWeek", "ReportingDay", "DateTime",
        "TimeRange",
    ]

    // MARK: Constraints

    private static func constraint(_ constraint: ContentConstraint) -> [(String, Value)] {
        var members: [(String, Value)] = [("role", .string(constraint.type.rawValue))]
        let groups: [(name: String, kind: ArtefactKind)] = [
            ("dataflows", .dataflow), ("dataStructures", .dataStructure), ("provisionAgreements", .provisionAgreement),
        ]
        // The schema attaches a constraint to artefacts of one kind: the first kind present is written.
        if let group = groups.first(where: { group in constraint.attachments.contains { $0.kind == group.kind } }) {
            let urns = constraint.attachments.filter { $0.kind == group.kind }.map { Value.string(urn($0)) }
            members.append(("constraintAttachment", .object([(group.name, .array(urns))])))
        }
        let keySets = constraint.dataKeySets.filter { !$0.keys.isEmpty }
        if !keySets.isEmpty {
            members.append(
                (
                    "dataKeySets",
                    .array(
                        keySets.map { keySet in
                            .object([
                                ("isIncluded", .bool(keySet.isIncluded)),
                                (
                                    "keys",
                                    .array(
                                        keySet.keys.map { key in
                                            .object([
                                                (
                                                    "keyValues",
                                                    .array(
                                                        key.sorted { $0.key < $1.key }.map {
                                                            .object([
                                                                ("id", .string($0.key)), ("value", .string($0.value)),
                                                            ])
                                                        })
                                                )
                                            ])
                                        })
                                ),
                            ])
                        })
                ))
        }
        if !constraint.cubeRegions.isEmpty {
            members.append(
                (
                    "cubeRegions",
                    .array(
                        constraint.cubeRegions.prefix(2).map { region in
                            var fields: [(String, Value)] = [("include", .bool(region.isIncluded))]
                            if !region.keyValues.isEmpty {
                                fields.append(("keyValues", .array(region.keyValues.map(member))))
                            }
                            if !region.attributeValues.isEmpty {
                                fields.append(("components", .array(region.attributeValues.map(member))))
                            }
                            return .object(fields)
                        })
                ))
        }
        return members
    }

    private static func member(_ selection: MemberSelection) -> Value {
        var fields: [(String, Value)] = [("id", .string(selection.componentID))]
        if !selection.isIncluded { fields.append(("include", .bool(false))) }
        if let range = selection.timeRange, selection.values.isEmpty {
            func period(_ text: String, _ inclusive: Bool) -> Value {
                .object([("period", .string(text)), ("isInclusive", .bool(inclusive))])
            }
            var bounds: [(String, Value)] = []
            switch (range.start, range.end) {
            case (let start?, let end?):
                bounds = [
                    ("startPeriod", period(start, range.startInclusive)),
                    ("endPeriod", period(end, range.endInclusive)),
                ]
            case (let start?, nil): bounds = [("afterPeriod", period(start, range.startInclusive))]
            case (nil, let end?): bounds = [("beforePeriod", period(end, range.endInclusive))]
            case (nil, nil): break
            }
            if !bounds.isEmpty { fields.append(("timeRange", .object(bounds))) }
        } else if !selection.values.isEmpty {
            fields.append(("values", .array(selection.values.map { .string($0) })))
        }
        return .object(fields)
    }

    // MARK: Parts

    static func names(_ name: String) -> [(String, Value)] {
        [("name", .string(name)), ("names", .object([("en", .string(name))]))]
    }

    static func annotations(_ annotations: [Annotation]) -> Value {
        .array(
            annotations.map { annotation in
                var fields: [(String, Value)] = []
                if let id = annotation.id { fields.append(("id", .string(id))) }
                if let title = annotation.title { fields.append(("title", .string(title))) }
                if let type = annotation.type { fields.append(("type", .string(type))) }
                if let text = annotation.text {
                    fields += [("text", .string(text)), ("texts", .object([("en", .string(text))]))]
                }
                return .object(fields)
            })
    }

    /// The SDMX 3.0 URN of a maintainable artefact (content constraints are `registry.DataConstraint`).
    static func urn(_ reference: ArtefactReference) -> String {
        let className: String
        switch reference.kind {
        case .contentConstraint, .dataConstraint: className = "DataConstraint"
        case .hierarchicalCodelist: className = "Hierarchy"
        default: className = reference.kind.rawValue
        }
        return "urn:sdmx:org.sdmx.infomodel.\(reference.kind.urnPackage).\(className)="
            + "\(reference.agencyID):\(reference.id)(\(reference.version ?? "1.0"))"
    }

    static func urn(of artefact: StructureArtefact) -> String {
        var reference = artefact.reference
        reference.kind = artefact.kind
        return urn(reference)
    }

    /// `urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=AG:CS(1.0).ID`.
    static func urn(_ concept: ItemReference) -> String {
        "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=\(concept.parent.agencyID):\(concept.parent.id)"
            + "(\(concept.parent.version ?? "1.0")).\(concept.itemID)"
    }
}
