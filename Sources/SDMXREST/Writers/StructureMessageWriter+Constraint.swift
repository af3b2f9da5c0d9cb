import SDMXModel

extension StructureMessageWriter {
    /// A content constraint's attachment, key sets and cube regions.
    func constraint(_ constraint: ContentConstraint, into xml: inout XMLBuilder) {
        // 2.1 attaches a constraint to artefacts of one kind: the others of a mixed list cannot be written.
        let attachable: Set<ArtefactKind> = [.dataflow, .dataStructure, .provisionAgreement]
        if let kind = constraint.attachments.first(where: { attachable.contains($0.kind) })?.kind {
            xml.start("str:ConstraintAttachment")
            for attachment in constraint.attachments where attachment.kind == kind {
                xml.start("str:" + kind.rawValue)
                Self.ref(attachment, into: &xml)
                xml.end()
            }
            xml.end()
        }
        Self.regions(of: constraint, memberPrefix: "com:", into: &xml)
    }

    /// A constraint's key sets and cube regions. Their members (`KeyValue`, `Value`, `TimeRange`…) are in
    /// the common namespace in SDMX-ML 2.1 (`com:`) and in the structure namespace in 3.0 (`str:`); an
    /// attribute's selection is `com:Attribute` in 2.1 and `str:Component` in 3.0.
    static func regions(of constraint: ContentConstraint, memberPrefix p: String, into xml: inout XMLBuilder) {
        for keySet in constraint.dataKeySets {
            xml.start("str:DataKeySet", ["isIncluded": String(keySet.isIncluded)])
            for key in keySet.keys {
                xml.start("str:Key")
                for (id, value) in key.sorted(by: { $0.key < $1.key }) {
                    xml.start(p + "KeyValue", ["id": id])
                    xml.leaf(p + "Value", text: value)
                    xml.end()
                }
                xml.end()
            }
            xml.end()
        }
        let attribute = p == "com:" ? "com:Attribute" : "str:Component"
        for region in constraint.cubeRegions {
            xml.start("str:CubeRegion", ["include": String(region.isIncluded)])
            for selection in region.keyValues { member(selection, element: p + "KeyValue", prefix: p, into: &xml) }
            for selection in region.attributeValues { member(selection, element: attribute, prefix: p, into: &xml) }
            xml.end()
        }
    }

    private static func member(
        _ selection: MemberSelection, element: String, prefix p: String, into xml: inout XMLBuilder
    ) {
        xml.start(element, ["id": selection.componentID, "include": selection.isIncluded ? nil : "false"])
        for value in selection.values { xml.leaf(p + "Value", text: value) }
        if let range = selection.timeRange {
            xml.start(p + "TimeRange")
            switch (range.start, range.end) {
            case (let start?, let end?):
                xml.leaf(p + "StartPeriod", ["isInclusive": String(range.startInclusive)], text: start)
                xml.leaf(p + "EndPeriod", ["isInclusive": String(range.endInclusive)], text: end)
            case (let start?, nil):
                xml.leaf(p + "AfterPeriod", ["isInclusive": String(range.startInclusive)], text: start)
            case (nil, let end?):
                xml.leaf(p + "BeforePeriod", ["isInclusive": String(range.endInclusive)], text: end)
            case (nil, nil):
                break
            }
            xml.end()
        }
        xml.end()
    }
}
