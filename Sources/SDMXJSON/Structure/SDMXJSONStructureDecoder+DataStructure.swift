import SDMXModel

/// Data structure definitions and constraints, in SDMX-JSON 2.0's shape and 1.0's.
extension SDMXJSONStructureDecoder {
    func dataStructure(_ node: JSONNode, info: MaintainableInfo) throws -> DataStructure {
        var dimensions: [Dimension] = []
        var time: Component?
        if let list = try node.object("dimensionList") {
            for (order, child) in try list.objects("dimensions").enumerated() {
                if try child.string("type") == "TimeDimension" {
                    time = try component(child)
                    continue
                }
                let position = try child.number("position").flatMap { Int($0) } ?? order + 1
                dimensions.append(Dimension(component: try component(child), position: position))
            }
            if let single = try list.object("timeDimension") {
                time = try component(single)
            } else if let first = try list.objects("timeDimensions").first {
                time = try component(first)
            }
        }
        let groups = try node.objects("groups").map { group in
            GroupDescriptor(id: try group.string("id") ?? "", dimensionIDs: try group.strings("groupDimensions"))
        }
        let attributes = try (node.object("attributeList")?.objects("attributes") ?? []).map { attribute in
            let status = try attribute.string("usage") ?? attribute.string("assignmentStatus")
            return DataAttribute(
                component: try component(attribute),
                assignmentStatus: status?.lowercased() == "mandatory" ? .mandatory : .conditional,
                attachment: try attachment(attribute.object("attributeRelationship")))
        }
        var measures: [Component] = []
        if let list = try node.object("measureList") {
            measures = try list.objects("measures").map(component)
            if let primary = try list.object("primaryMeasure") { measures.append(try component(primary)) }
        }
        return DataStructure(
            info: info, dimensions: dimensions, timeDimension: time, measures: measures, attributes: attributes,
            groups: groups)
    }

    private func component(_ node: JSONNode) throws -> Component {
        var concept: ItemReference?
        if let urn = try node.string("conceptIdentity") {
            guard let reference = ItemReference(urn: urn) else {
                throw node.invalid("names its concept '\(urn)', which is not a concept's SDMX URN")
            }
            concept = reference
        }
        return Component(
            id: try node.string("id") ?? concept?.itemID ?? "", conceptIdentity: concept,
            localRepresentation: try representation(node.object("localRepresentation")))
    }

    private func attachment(_ node: JSONNode?) throws -> AttributeAttachment {
        guard let node else { return .dataSet }
        if node.value["observation"] != nil || node.value["primaryMeasure"] != nil { return .observation }
        let dimensions = try node.strings("dimensions")
        if !dimensions.isEmpty { return .dimensions(dimensions) }
        if let group = try node.string("group") { return .group(group) }
        if let group = try node.strings("attachmentGroups").first { return .group(group) }
        return .dataSet
    }

    // MARK: Constraints

    func constraint(_ node: JSONNode, info: MaintainableInfo) throws -> ContentConstraint {
        var attachments: [ArtefactReference] = []
        if case .object(let members)? = try node.object("constraintAttachment")?.value {
            for (_, member) in members {
                let urns = member.array.compactMap(\.text) + (member.text.map { [$0] } ?? [])
                attachments += urns.compactMap(ArtefactReference.init(urn:))
            }
        }
        let regions = try node.objects("cubeRegions").map { region in
            CubeRegion(
                isIncluded: try region.bool("include") ?? region.bool("isIncluded") ?? true,
                keyValues: try region.objects("keyValues").map(memberSelection),
                attributeValues: try (region.objects("components") + region.objects("attributes")).map(memberSelection))
        }
        let keySets = try node.objects("dataKeySets").map { set in
            DataKeySet(
                isIncluded: try set.bool("isIncluded") ?? set.bool("include") ?? true,
                keys: try set.objects("keys").map { key in
                    var values: [String: String] = [:]
                    for keyValue in try key.objects("keyValues") {
                        if let id = try keyValue.string("id"), let value = try keyValue.string("value") {
                            values[id] = value
                        }
                    }
                    return values
                })
        }
        let role = try node.string("role") ?? node.string("type")
        return ContentConstraint(
            info: info, type: role == "Actual" ? .actual : .allowed, attachments: attachments,
            cubeRegions: regions, dataKeySets: keySets)
    }

    private func memberSelection(_ node: JSONNode) throws -> MemberSelection {
        var range: TimeRangeSelection?
        if let time = try node.object("timeRange") {
            func period(_ name: String) throws -> (String, Bool)? {
                guard let bound = try time.object(name), let text = try bound.string("period") else { return nil }
                return (text, try bound.bool("isInclusive") ?? true)
            }
            let start = try period("startPeriod") ?? period("afterPeriod")
            let end = try period("endPeriod") ?? period("beforePeriod")
            range = TimeRangeSelection(
                start: start?.0, startInclusive: start?.1 ?? true, end: end?.0, endInclusive: end?.1 ?? true)
        }
        // A value is a string, or (2.0) an object with its `value` and cascading.
        var values: [String] = []
        if case .array(let items)? = node.value["values"] {
            for item in items {
                guard let text = item.text ?? item["value"]?.text else {
                    throw node.invalid("has a value that is neither a string nor an object with a value")
                }
                values.append(text)
            }
        } else if let other = node.value["values"], other != .null {
            throw node.invalid("has 'values' that are not an array")
        }
        return MemberSelection(
            componentID: try node.string("id") ?? "",
            isIncluded: try node.bool("include") ?? node.bool("isIncluded") ?? true, values: values, timeRange: range)
    }
}
