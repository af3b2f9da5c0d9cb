import Foundation
import SDMXModel
import SDMXREST
import SDMXXML
import TestSupport
import Testing

@Suite struct StructureMessageWriterTests {
    private static let prepared = Date(timeIntervalSince1970: 1_767_225_600)

    private func message(_ api: APIVersion, _ path: String, _ parameters: [String: String] = [:]) throws -> String {
        let query = try StructureQuery.parse(
            api: api, segments: path.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
            parameters: parameters)
        let selection = try StructureSelection(query: query, catalog: AllianceCatalog.load())
        return StructureMessageWriter(prepared: Self.prepared, structureURL: { "https://example.org/rest/\($0.id)" })
            .message(for: selection)
    }

    /// The answers clients get, each checked against the official SDMX-ML 2.1 schema.
    private static let answers: [(APIVersion, String, [String: String])] = [
        (.v1, "structure/all/all/all", [:]),
        (.v1, "dataflow/IDAC/DF_CHILD_MIGRATION/latest", ["references": "all"]),
        (.v1, "dataflow/IDAC/DF_CHILD_MIGRATION/latest", ["references": "all", "detail": "referencepartial"]),
        (.v1, "structure", ["detail": "allstubs"]),
        (.v1, "structure", ["detail": "allcompletestubs"]),
        (.v2, "structure/datastructure/IDAC/*/~", ["references": "all", "detail": "referencestubs"]),
        (.v1, "codelist/SDMX/CL_FREQ/latest/A+Q", [:]),
    ]

    @Test(.requires(.xmllint, .corpus)) func answersValidateAgainstTheOfficialSchema() throws {
        let directory = try TestPaths.temporaryDirectory()
        for (index, answer) in Self.answers.enumerated() {
            let path = directory + "/answer\(index).xml"
            try message(answer.0, answer.1, answer.2).write(toFile: path, atomically: true, encoding: .utf8)
            let result = try SchemaCheck.xmllint(path)
            #expect(result.status == 0, "\(answer.1) \(answer.2): \(result.output.prefix(2000))")
        }
    }

    /// The same answers in SDMX-ML 3.0, against the official 3.0 schema.
    @Test(.requires(.xmllint, .corpus)) func answers30ValidateAgainstTheOfficialSchema() throws {
        let directory = try TestPaths.temporaryDirectory()
        for (index, answer) in Self.answers.enumerated() {
            let query = try StructureQuery.parse(
                api: answer.0,
                segments: answer.1.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
                parameters: answer.2)
            let selection = try StructureSelection(query: query, catalog: AllianceCatalog.load())
            let text = StructureMessageWriter30(
                prepared: Self.prepared, structureURL: { "https://example.org/rest/\($0.id)" }
            ).message(for: selection)
            #expect(text.contains("xmlns:str=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure\""))
            let path = directory + "/answer30-\(index).xml"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try SchemaCheck.xmllint(path, version: "3.0")
            #expect(result.status == 0, "\(answer.1) \(answer.2): \(result.output.prefix(2000))")
        }
    }

    /// 3.0's forms: references as URN text, a Measure, an attribute's usage, a DataConstraint with a role.
    @Test func message30UsesURNReferencesMeasuresAndDataConstraints() throws {
        let query = try StructureQuery.parse(
            api: .v1, segments: ["dataflow", "IDAC", "DF_CHILD_MIGRATION", "latest"], parameters: ["references": "all"])
        let text = StructureMessageWriter30(prepared: Self.prepared)
            .message(for: try StructureSelection(query: query, catalog: AllianceCatalog.load()))
        #expect(
            text.contains(
                "<str:Structure>urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IDAC:DSD_CHILD_MIGRATION(1.0)"
                    + "</str:Structure>"))
        #expect(text.contains("<str:Measure id=\"OBS_VALUE\">"))
        #expect(text.contains("<str:Attribute id=\"UNIT_MEASURE\" usage=\"mandatory\">"))
        #expect(text.contains("<str:DataConstraint id="))
        #expect(text.contains("role=\"Allowed\""))
        #expect(!text.contains("isFinal"))
        #expect(!text.contains("<Ref "))
    }

    @Test func messageHasAPrefixedRootAHeaderAndSchemaOrder() throws {
        let xml = try message(.v1, "dataflow/IDAC/DF_CHILD_MIGRATION/latest", ["references": "all"])
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mes:Structure "))
        #expect(xml.contains("<mes:Prepared>2026-01-01T00:00:00Z</mes:Prepared>"))
        #expect(xml.contains("<mes:Sender id=\"IDAC\"/>"))
        let order = [
            "<str:Dataflows>", "<str:Codelists>", "<str:Concepts>", "<str:DataStructures>", "<str:Constraints>",
        ]
        let positions = order.compactMap { xml.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
    }

    @Test func stubsAreExternalReferencesWithANameOnly() throws {
        let xml = try message(.v1, "codelist/SDMX/CL_FREQ", ["detail": "allstubs"])
        #expect(xml.contains("isExternalReference=\"true\""))
        #expect(xml.contains("structureURL=\"https://example.org/rest/CL_FREQ\""))
        #expect(!xml.contains("<str:Code "))
        #expect(!xml.contains("isFinal"))
    }

    /// Text from a structure file is data: markup in a name must come out escaped, control characters dropped.
    @Test func namesAreEscaped() throws {
        var message = StructureMessage(source: "hostile.xml")
        let info = MaintainableInfo(
            reference: ArtefactReference(kind: .codelist, agencyID: "X", id: "CL_X", version: "1.0"),
            name: "A & B </com:Name><evil attr=\"1\"> \u{1}", isFinal: true)
        message.codelists = [Codelist(info: info, codes: [Code(id: "C", name: "\"quoted\" <tag>")])]
        var catalog = StructureCatalog()
        try catalog.add(message)
        let query = try StructureQuery.parse(api: .v1, segments: ["codelist"], parameters: [:])
        let xml = StructureMessageWriter().message(for: try StructureSelection(query: query, catalog: catalog))
        #expect(xml.contains("A &amp; B &lt;/com:Name&gt;&lt;evil attr=\"1\"&gt; </com:Name>"))
        #expect(xml.contains("&quot;quoted&quot;") || xml.contains("\"quoted\" &lt;tag&gt;"))
        let read = try StructureMessageReader().read(bytes: Array(xml.utf8), source: "answer")
        #expect(read.codelists.first?.info.name == "A & B </com:Name><evil attr=\"1\">", "the reader trims the space")
        #expect(read.codelists.first?.codes.first?.name == "\"quoted\" <tag>")
    }

    /// Written and read back, the Alliance's structures are the same catalog.
    @Test func roundTripGivesAnEqualCatalog() throws {
        let original = try AllianceCatalog.load()
        let xml = try message(.v1, "structure/all/all/all")
        var read = StructureCatalog()
        try read.add(StructureMessageReader().read(bytes: Array(xml.utf8), source: "answer"))
        #expect(Self.stripped(read.agencySchemes, \.info) == Self.stripped(original.agencySchemes, \.info))
        #expect(Self.stripped(read.codelists, \.info) == Self.stripped(original.codelists, \.info))
        #expect(Self.stripped(read.conceptSchemes, \.info) == Self.stripped(original.conceptSchemes, \.info))
        #expect(Self.stripped(read.dataStructures, \.info) == Self.stripped(original.dataStructures, \.info))
        #expect(Self.stripped(read.dataflows, \.info) == Self.stripped(original.dataflows, \.info))
        #expect(Self.stripped(read.constraints, \.info) == Self.stripped(original.constraints, \.info))
        #expect(Self.stripped(read.rulesetSchemes, \.info) == Self.stripped(original.rulesetSchemes, \.info))
        #expect(read.others.isEmpty)
        #expect(read.codelists.count == 13 && read.dataStructures.count == 2 && read.rulesetSchemes.count == 1)
    }

    /// The table with every artefact's source file cleared, so only content is compared.
    private static func stripped<T: Hashable>(
        _ table: [ArtefactKey: T], _ info: WritableKeyPath<T, MaintainableInfo>
    ) -> [ArtefactKey: T] {
        table.mapValues { artefact in
            var copy = artefact
            copy[keyPath: info].source = ""
            copy[keyPath: info].line = 0
            return copy
        }
    }

    /// sdmx1 reads the answer its `Client.dataflow()` asks for, with the DSD's dimensions and code lists.
    @Test(.requires(.sdmx1)) func sdmx1ReadsTheAnswer() throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/dataflow.xml"
        try message(.v1, "dataflow/IDAC/DF_CHILD_MIGRATION/latest", ["references": "all"])
            .write(toFile: path, atomically: true, encoding: .utf8)
        let partial = directory + "/partial.xml"
        try message(
            .v1, "dataflow/IDAC/DF_CHILD_MIGRATION/latest", ["references": "all", "detail": "referencepartial"]
        )
        .write(toFile: partial, atomically: true, encoding: .utf8)
        let script = """
            import sdmx, sys
            for path in sys.argv[1:]:
                msg = sdmx.read_sdmx(path)
                flow = msg.dataflow["DF_CHILD_MIGRATION"]
                dsd = msg.structure["DSD_CHILD_MIGRATION"]
                print(flow.structure is dsd or flow.structure.id == dsd.id, len(dsd.dimensions),
                      len(msg.codelist["CL_FREQ"]), len(msg.concept_scheme["CS_IDAC"]) > 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalRequirement.sdmx1Python ?? "")
        process.arguments = ["-c", script, path, partial]
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output == "True 8 6 True\nTrue 8 2 True\n", "\(problems.suffix(2000))")
    }
}
