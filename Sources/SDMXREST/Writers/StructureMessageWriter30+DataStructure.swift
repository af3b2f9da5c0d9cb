import SDMXModel

extension StructureMessageWriter30 {
    /// A DSD's components in 3.0's form: dimensions (time last, without a position), groups, attributes
    /// with their `usage` and relationship, and every measure.
    func dataStructure(_ structure: DataStructure, into xml: inout XMLBuilder) {
        xml.start("str:DataStructureComponents")
        xml.start("str:DimensionList", ["id": "DimensionDescriptor"])
        for dimension in structure.dimensions {
            xml.start("str:Dimension", ["id": dimension.id, "position": String(dimension.position)])
            component(dimension.component, into: &xml)
            xml.end()
        }
        if let time = structure.timeDimension {
            xml.start("str:TimeDimension", ["id": time.id])
            conceptIdentity(time, into: &xml)
            // 3.0 requires the time dimension's representation: the observational time period by default.
            let format = time.localRepresentation?.textFormat ?? TextFormat(textType: .observationalTimePeriod)
            xml.start("str:LocalRepresentation")
            StructureMessageWriter.textFormat(format, element: "str:TextFormat", into: &xml)
            xml.end()
            xml.end()
        }
        xml.end()
        for group in structure.groups {
            xml.start("str:Group", ["id": group.id])
            for dimension in group.dimensionIDs {
                xml.start("str:GroupDimension")
                xml.leaf("str:DimensionReference", text: dimension)
                xml.end()
            }
            xml.end()
        }
        if !structure.attributes.isEmpty {
            xml.start("str:AttributeList", ["id": "AttributeDescriptor"])
            for attribute in structure.attributes {
                xml.start("str:Attribute", ["id": attribute.id, "usage": attribute.isMandatory ? "mandatory" : nil])
                component(attribute.component, into: &xml)
                xml.start("str:AttributeRelationship")
                switch attribute.attachment {
                case .dataSet: xml.empty("str:Dataflow")
                case .group(let id): xml.leaf("str:Group", text: id)
                case .dimensions(let ids): for id in ids { xml.leaf("str:Dimension", text: id) }
                case .observation: xml.empty("str:Observation")
                }
                xml.end()
                xml.end()
            }
            xml.end()
        }
        if !structure.measures.isEmpty {
            xml.start("str:MeasureList", ["id": "MeasureDescriptor"])
            for measure in structure.measures {
                xml.start("str:Measure", ["id": measure.id])
                component(measure, into: &xml)
                xml.end()
            }
            xml.end()
        }
        xml.end()
    }

    private func component(_ component: Component, into xml: inout XMLBuilder) {
        conceptIdentity(component, into: &xml)
        representation(component.localRepresentation, element: "str:LocalRepresentation", into: &xml)
    }

    private func conceptIdentity(_ component: Component, into xml: inout XMLBuilder) {
        guard let concept = component.conceptIdentity else { return }
        let scheme = concept.parent
        xml.leaf(
            "str:ConceptIdentity",
            text: "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=\(scheme.agencyID):\(scheme.id)"
                + "(\(scheme.version ?? "1.0")).\(concept.itemID)")
    }

    /// A data constraint: its attachment (by URN), key sets and cube regions, in the structure namespace.
    func constraint(_ constraint: ContentConstraint, into xml: inout XMLBuilder) {
        let attachable: Set<ArtefactKind> = [.dataflow, .dataStructure, .provisionAgreement]
        if let kind = constraint.attachments.first(where: { attachable.contains($0.kind) })?.kind {
            xml.start("str:ConstraintAttachment")
            for attachment in constraint.attachments where attachment.kind == kind {
                xml.leaf("str:" + kind.rawValue, text: Self.urn(attachment))
            }
            xml.end()
        }
        StructureMessageWriter.regions(of: constraint, memberPrefix: "str:", into: &xml)
    }
}
