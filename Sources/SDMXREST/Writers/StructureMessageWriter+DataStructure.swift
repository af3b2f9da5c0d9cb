import SDMXModel

extension StructureMessageWriter {
    /// A DSD's components: dimensions (time last), groups, attributes and the primary measure.
    func dataStructure(_ structure: DataStructure, into xml: inout XMLBuilder) {
        xml.start("str:DataStructureComponents")
        xml.start("str:DimensionList", ["id": "DimensionDescriptor"])
        for dimension in structure.dimensions {
            xml.start("str:Dimension", ["id": dimension.id, "position": String(dimension.position)])
            component(dimension.component, into: &xml)
            xml.end()
        }
        if let time = structure.timeDimension {
            let position = (structure.dimensions.map(\.position).max() ?? 0) + 1
            xml.start("str:TimeDimension", ["id": time.id, "position": String(position)])
            component(time, into: &xml)
            xml.end()
        }
        xml.end()
        for group in structure.groups {
            xml.start("str:Group", ["id": group.id])
            for dimension in group.dimensionIDs {
                xml.start("str:GroupDimension")
                localRef("str:DimensionReference", dimension, into: &xml)
                xml.end()
            }
            xml.end()
        }
        let measure = structure.measures.first
        if !structure.attributes.isEmpty {
            xml.start("str:AttributeList", ["id": "AttributeDescriptor"])
            for attribute in structure.attributes {
                xml.start(
                    "str:Attribute", ["id": attribute.id, "assignmentStatus": attribute.assignmentStatus.rawValue])
                component(attribute.component, into: &xml)
                xml.start("str:AttributeRelationship")
                switch attribute.attachment {
                case .dataSet:
                    xml.empty("str:None")
                case .group(let id):
                    localRef("str:Group", id, into: &xml)
                case .dimensions(let ids):
                    for id in ids { localRef("str:Dimension", id, into: &xml) }
                case .observation:
                    localRef("str:PrimaryMeasure", measure?.id ?? "OBS_VALUE", into: &xml)
                }
                xml.end()
                xml.end()
            }
            xml.end()
        }
        // SDMX-ML 2.1 has one primary measure: a 3.0 DSD's further measures cannot be written here.
        if let measure {
            xml.start("str:MeasureList", ["id": "MeasureDescriptor"])
            xml.start("str:PrimaryMeasure", ["id": measure.id])
            component(measure, into: &xml)
            xml.end()
            xml.end()
        }
        xml.end()
    }

    private func component(_ component: Component, into xml: inout XMLBuilder) {
        if let concept = component.conceptIdentity {
            xml.start("str:ConceptIdentity")
            xml.empty(
                "Ref",
                [
                    "maintainableParentID": concept.parent.id,
                    "maintainableParentVersion": concept.parent.version ?? "1.0",
                    "agencyID": concept.parent.agencyID, "id": concept.itemID, "class": "Concept",
                    "package": "conceptscheme",
                ])
            xml.end()
        }
        representation(component.localRepresentation, element: "str:LocalRepresentation", into: &xml)
    }

    private func localRef(_ element: String, _ id: String, into xml: inout XMLBuilder) {
        xml.start(element)
        xml.empty("Ref", ["id": id])
        xml.end()
    }
}
