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
        for keySet in constraint.dataKeySets {
            xml.start("str:DataKeySet", ["isIncluded": String(keySet.isIncluded)])
            for key in keySet.keys {
                xml.start("str:Key")
                for (id, value) in key.sorted(by: { $0.key < $1.key }) {
                    xml.start("com:KeyValue", ["id": id])
                    xml.leaf("com:Value", text: value)
                    xml.end()
                }
                xml.end()
            }
            xml.end()
        }
        for region in constraint.cubeRegions {
            xml.start("str:CubeRegion", ["include": String(region.isIncluded)])
            for selection in region.keyValues { member(selection, element: "com:KeyValue", into: &xml) }
            for selection in region.attributeValues { member(selection, element: "com:Attribute", into: &xml) }
            xml.end()
        }
    }

    private func member(_ selection: MemberSelection, element: String, into xml: inout XMLBuilder) {
        xml.start(element, ["id": selection.componentID, "include": selection.isIncluded ? nil : "false"])
        for value in selection.values { xml.leaf("com:Value", text: value) }
        if let range = selection.timeRange {
            xml.start("com:TimeRange")
            switch (range.start, range.end) {
            case (let start?, let end?):
                xml.leaf("com:StartPeriod", ["isInclusive": String(range.startInclusive)], text: start)
                xml.leaf("com:EndPeriod", ["isInclusive": String(range.endInclusive)], text: end)
            case (let start?, nil):
                xml.leaf("com:AfterPeriod", ["isInclusive": String(range.startInclusive)], text: start)
            case (nil, let end?):
                xml.leaf("com:BeforePeriod", ["isInclusive": String(range.endInclusive)], text: end)
            case (nil, nil):
                break
            }
            xml.end()
        }
        xml.end()
    }
}
