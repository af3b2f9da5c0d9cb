import SDMXModel

/// Reads a data message's header (2.1 and 3.0): its id, sender, the structures its datasets
/// follow (by `Ref`, URN, or the structure-specific namespace URN) and its reporting period.
enum DataHeaderDecoder {
    /// A footer's messages (`footer:Footer/footer:Message`), each with its code, severity and texts.
    static func footer(_ node: XMLNode) -> [FooterMessage] {
        node.children("Message").map { message in
            FooterMessage(
                code: message[attribute: "code"], severity: message[attribute: "severity"],
                texts: message.children("Text").map { $0.text.trimmingSpaces() }, line: message.line)
        }
    }

    static func decode(_ node: XMLNode) -> DataMessageHeader {
        var result = DataMessageHeader(
            id: node.childText("ID"), sender: node.child("Sender")?[attribute: "id"],
            prepared: node.childText("Prepared"))
        if let begin = node.child("ReportingBegin") {
            result.reportingBegin = (begin.text.trimmingSpaces(), begin.line)
        }
        if let end = node.child("ReportingEnd") { result.reportingEnd = (end.text.trimmingSpaces(), end.line) }
        for structure in node.children("Structure") {
            guard let structureID = structure[attribute: "structureID"] else { continue }
            var reference: ArtefactReference?
            for (name, kind) in [
                ("Structure", ArtefactKind.dataStructure), ("StructureUsage", .dataflow),
                ("ProvisionAgrement", .provisionAgreement), ("ProvisionAgreement", .provisionAgreement),
            ] {
                guard let holder = structure.child(name) else { continue }
                if let ref = holder.child("Ref"), let id = ref[attribute: "id"] {
                    reference = ArtefactReference(
                        kind: kind, agencyID: ref[attribute: "agencyID"] ?? "", id: id,
                        version: ref[attribute: "version"] ?? "1.0")
                } else if let urn = holder.childText("URN") ?? Optional(holder.text.trimmingSpaces()),
                    urn.hasPrefix("urn:")
                {
                    // SDMX 3.0 writes the URN as the element's text.
                    reference = ArtefactReference(urn: urn)
                }
            }
            if reference == nil, let namespace = structure[attribute: "namespace"],
                let urnStart = namespace.range(of: "urn:sdmx:")
            {
                // The namespace URN ends with the observation level: `…=ECB:EXR(1.0):ObsLevelDim:TIME_PERIOD`.
                let urn = String(namespace[urnStart.lowerBound...]).components(separatedByFirst: ":ObsLevelDim")
                reference = ArtefactReference(urn: urn)
            }
            if let reference {
                var usage = DataStructureUsage(
                    structureID: structureID, reference: reference,
                    dimensionAtObservation: structure[attribute: "dimensionAtObservation"])
                usage.explicitMeasures = structure[attribute: "explicitMeasures"] == "true"
                result.structures.append(usage)
            }
        }
        // SDMX-ML 2.0 names the key family (DSD) in the header, without a version.
        if let keyFamily = node.childText("KeyFamilyRef") {
            let reference = ArtefactReference(
                kind: .dataStructure, agencyID: node.childText("KeyFamilyAgency") ?? "",
                id: keyFamily, version: nil)
            result.structures.append(
                DataStructureUsage(structureID: "", reference: reference, dimensionAtObservation: nil))
        }
        return result
    }

    /// The DSD an SDMX-ML 2.0 compact dataset's namespace names:
    /// `urn:sdmx:org.sdmx.infomodel.keyfamily.KeyFamily=AGENCY:ID[(VERSION)]:compact`.
    static func keyFamily(fromNamespace namespace: String) -> ArtefactReference? {
        guard let equals = namespace.range(of: "KeyFamily=") else { return nil }
        let parts = namespace[equals.upperBound...].split(separator: ":")
        guard parts.count >= 2 else { return nil }
        var id = String(parts[1]), version: String?
        if let open = id.firstIndex(of: "("), id.hasSuffix(")") {
            version = String(id[id.index(after: open)..<id.index(before: id.endIndex)])
            id = String(id[..<open])
        }
        return ArtefactReference(kind: .dataStructure, agencyID: String(parts[0]), id: id, version: version)
    }
}
