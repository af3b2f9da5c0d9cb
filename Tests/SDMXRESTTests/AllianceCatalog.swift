import AllianceSchemas
import SDMXModel
import SDMXXML

/// The Alliance's embedded structures as one catalog, as `idac serve` loads them.
enum AllianceCatalog {
    static func load() throws -> StructureCatalog {
        var catalog = StructureCatalog()
        for file in EmbeddedSchemas.files where file.name.hasSuffix(".xml") {
            try catalog.add(StructureMessageReader().read(bytes: Array(file.contents.utf8), source: file.name))
        }
        return catalog
    }
}
