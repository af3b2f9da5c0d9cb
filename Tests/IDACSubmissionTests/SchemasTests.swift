import AllianceSchemas
import Foundation
import IDACSubmission
import SDMXModel
import TestSupport
import Testing

@Suite struct SchemasTests {
    @Test func embeddedStructuresAreTheFilesInSchemas() throws {
        #expect(EmbeddedSchemas.files.count == 6)
        for file in EmbeddedSchemas.files {
            let onDisk = try String(contentsOfFile: TestPaths.project("Schemas/" + file.name), encoding: .utf8)
            #expect(
                onDisk == file.contents,
                "Schemas/\(file.name) differs from the embedded copy: run scripts/generate-schemas.py")
        }
    }

    @Test(.requires(.xmllint, .corpus), arguments: EmbeddedSchemas.files.map(\.name).filter { $0.hasSuffix(".xml") })
    func schemaIsValidAgainstTheOfficialXSD(_ name: String) throws {
        let xmllint = ExternalRequirement.xmllintPath
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint ?? "")
        process.arguments = [
            "--noout", "--nonet", "--schema", TestPaths.corpus("sdmx-ml-2.1/schemas/SDMXMessage.xsd"),
            TestPaths.project("Schemas/" + name),
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("validates"))
    }

    @Test func allianceStructuresResolveAsPublished() throws {
        let catalog = try StructureLoader().loadEmbedded()
        #expect(catalog.unresolvedReferences() == [])
        let migration = try catalog.resolve(
            ArtefactReference(kind: .dataflow, agencyID: "IDAC", id: "DF_CHILD_MIGRATION", version: "1.0"))
        #expect(
            migration.dataStructure.dimensions.map(\.id)
                == ["FREQ", "REF_AREA", "INDICATOR", "COUNTRY_ORIGIN", "SEX", "AGE", "ACCOMPANIMENT"])
        #expect(migration.dataStructure.timeDimension?.id == "TIME_PERIOD")
        let area = try #require(migration.components[1].codelist)
        #expect(area.reference.description == "IDAC:CL_AREA(1.0)")
        #expect(area.codes.count == 252)
        #expect(area.contains("KEN") && area.contains("_Z") && !area.contains("KE"))
        #expect(area.code("KEN")?.name == "Kenya")
        #expect(migration.components[4].codelist?.codes.map(\.id) == ["F", "M", "_O", "_U", "_T"])
        let age = try #require(migration.components[5].codelist)
        #expect(age.codes.count == 12)
        #expect(age.code("Y5T9")?.parentID == "Y0T17")
        let attributes = migration.dataStructure.attributes
        #expect(attributes.first { $0.id == "OBS_STATUS" }?.attachment == .observation)
        #expect(attributes.first { $0.id == "UNIT_MULT" }?.isMandatory == true)
        #expect(attributes.first { $0.id == "DATA_SOURCE" }?.isMandatory == false)
        #expect(migration.constraints.map(\.reference.id) == ["CC_CHILD_MIGRATION"])
        let freq = migration.constraints[0].cubeRegions.first { $0.isIncluded }?.keyValues.first
        #expect(freq?.componentID == "FREQ" && freq?.values == ["A", "Q"])

        let leftBehind = try catalog.resolve(
            ArtefactReference(kind: .dataflow, agencyID: "IDAC", id: "DF_CHILDREN_LEFT_BEHIND", version: "1.0"))
        #expect(leftBehind.dataStructure.attributes.first { $0.id == "DATA_SOURCE" }?.isMandatory == true)
        #expect(leftBehind.index(of: "LOWER_BOUND") != nil)

        let rules = try #require(
            catalog.rulesetScheme(
                ArtefactReference(kind: .rulesetScheme, agencyID: "IDAC", id: "RS_IDAC", version: "1.0")))
        #expect(
            rules.rulesets.map(\.id) == [
                "DPR_OBS_VALUE", "DPR_BOUNDS", "HR_SEX", "HR_AGE", "HR_ACCOMPANIMENT", "HR_ALONE",
            ])
        #expect(rules.rulesets.allSatisfy { $0.definition.hasPrefix("define ") })
        #expect(rules.rulesets.first { $0.id == "HR_SEX" }?.annotations.map(\.type) == ["IDAC_TOLERANCE", "IDAC_MODE"])
        #expect(rules.annotations.map(\.type) == ["IDAC_FLOWS", "IDAC_STOCKS", "IDAC_TOLERANCE"])
    }

    @Test func unresolvableReferenceIsAClearError() throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/dsd-only.xml"
        // The child-migration DSD without the code lists it names.
        try FileManager.default.copyItem(atPath: TestPaths.project("Schemas/DF_CHILD_MIGRATION.xml"), toPath: path)
        let catalog = try StructureLoader().load(paths: [path])
        do {
            _ = try catalog.resolve(
                ArtefactReference(kind: .dataflow, agencyID: "IDAC", id: "DF_CHILD_MIGRATION", version: "1.0"))
            Issue.record("resolution must fail without the code lists")
        } catch let error as SDMXError {
            #expect(error.code == .unresolvedReference)
            #expect(error.message.contains("IDAC:CS_IDAC(1.0)") || error.message.contains("SDMX:CL_FREQ(2.1)"))
        }
    }
}
