import Foundation
import SDMXModel

/// What SDMX-ML 2.1 and 3.0 structure messages share: the root element with its namespaces, the header,
/// and the artefacts grouped into their containers in the order the version's schema asks for.
/// Each version writes its own artefacts (`write`), which differ in how they reference each other.
enum StructureMessageEnvelope {
    static func message(
        namespaces: KeyValuePairs<String, String?>, messageID: String, prepared: Date, sender: String,
        groups: [(container: String, kinds: Set<ArtefactKind>)], selection: StructureSelection,
        write: (SelectedArtefact, inout XMLBuilder) -> Void
    ) -> String {
        var xml = XMLBuilder()
        xml.start("mes:Structure", namespaces)
        xml.start("mes:Header")
        xml.leaf("mes:ID", text: messageID)
        xml.leaf("mes:Test", text: "false")
        xml.leaf("mes:Prepared", text: StructureMessageWriter.timestamp(prepared))
        xml.empty("mes:Sender", ["id": sender])
        xml.end()
        xml.start("mes:Structures")
        for group in groups {
            let members = selection.artefacts.filter { group.kinds.contains($0.artefact.kind) }
            guard !members.isEmpty else { continue }
            xml.start(group.container)
            for member in members { write(member, &xml) }
            xml.end()
        }
        xml.end()
        xml.end()
        return xml.text
    }
}
