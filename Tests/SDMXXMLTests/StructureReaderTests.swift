import SDMXModel
import SDMXXML
import TestSupport
import Testing

@Suite struct StructureReaderTests {
    /// Every SDMX-ML 2.1 structure message in the shared corpus, picked by its root element.
    static var corpusStructureFiles: [String] {
        ["sdmx-test-data", "unicef", "sdg", "sdmx-ml-2.1/samples"].flatMap {
            TestPaths.corpusFiles(under: $0, extension: "xml")
        }.filter { path in
            TestPaths.rootElement(of: path) == "Structure" && TestPaths.head(path).contains("schemas/v2_1/message")
        }
    }

    @Test(.requires(.corpus)) func everyCorpusStructureMessageLoads() throws {
        let files = Self.corpusStructureFiles
        #expect(files.count >= 40, "expected the corpus's structure messages, found \(files.count)")
        var artefacts = 0
        for file in files {
            let message = try StructureMessageReader().read(path: file)
            artefacts += message.artefactCount
        }
        #expect(artefacts > 300)
    }

    @Test(.requires(.corpus)) func sdmx30StructureMessagesLoad() throws {
        let files = TestPaths.corpusFiles(under: "sdmx-test-data/v3/xml", extension: "xml")
            .filter { TestPaths.rootElement(of: $0) == "Structure" }
        #expect(files.count >= 10)
        for file in files {
            #expect(try StructureMessageReader().read(path: file).artefactCount > 0, "\(file)")
        }
        // The VTL samples define SDMX:CL_AREA(1.0) differently: loading both is refused, naming them.
        var samples = StructureCatalog()
        try samples.add(StructureMessageReader().read(path: TestPaths.corpus("sdmx-test-data/v3/xml/VTL_Sample_1.xml")))
        #expect {
            try samples.add(
                StructureMessageReader().read(path: TestPaths.corpus("sdmx-test-data/v3/xml/VTL_Sample_3.xml")))
        } throws: { ($0 as? SDMXError)?.code == .conflictingArtefact }
        var catalog = StructureCatalog()
        for name in ["ECB_EXR1.xml", "codelist.xml", "conceptscheme.xml", "dataflow.xml"] {
            try catalog.add(StructureMessageReader().read(path: TestPaths.corpus("sdmx-test-data/v3/xml/" + name)))
        }
        let dsd = try #require(
            catalog.dataStructure(
                ArtefactReference(kind: .dataStructure, agencyID: "ECB", id: "ECB_EXR", version: "1.0")))
        #expect(dsd.dimensions.map(\.id) == ["FREQ", "CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX"])
        #expect(dsd.timeDimension?.id == "TIME_PERIOD")
        #expect(dsd.measures.map(\.id) == ["OBS_VALUE"])
        #expect(dsd.attributes.first { $0.id == "OBS_STATUS" }?.attachment == .observation)
        #expect(dsd.attributes.first { $0.id == "OBS_STATUS" }?.isMandatory == true)
        let frequency = try #require(dsd.dimensions.first?.component.localRepresentation?.enumeration)
        #expect(frequency.description == "ECB:CL_FREQ(1.0)", "3.0 URN references are read")
        #expect(
            catalog.codelist(ArtefactReference(kind: .codelist, agencyID: "SDMX", id: "CL_AGE", version: "1.0"))?.codes
                .count == 5)
    }

    @Test(.requires(.corpus)) func fullStructureFilesResolveEveryDataStructure() throws {
        for file in [
            "sdmx-test-data/ECB_EXR/1/structure-full.xml", "unicef/dataflow_CME_dsd.xml",
            "sdmx-test-data/ECB_EXR/rg-structure-full.xml", "sdg/SDG_DSD.xml",
        ] {
            var catalog = StructureCatalog()
            try catalog.add(StructureMessageReader().read(path: TestPaths.corpus(file)))
            #expect(!catalog.dataStructures.isEmpty, "\(file) has a DSD")
            #expect(catalog.unresolvedReferences() == [], "\(file) resolves")
        }
    }

    @Test(.requires(.corpus)) func namesTheReferenceAPartialFileLacks() throws {
        var catalog = StructureCatalog()
        try catalog.add(
            StructureMessageReader().read(path: TestPaths.corpus("sdmx-test-data/ESTAT/demography-structure.xml")))
        let problems = catalog.unresolvedReferences()
        // Every missing artefact is named at once, each with the components it leaves unchecked.
        #expect(problems.count == 4)
        #expect(problems.first?.contains("concept scheme SDMX:CROSS_DOMAIN_CONCEPTS(1.0)") == true)
        #expect(problems.first?.contains("ESTAT:DEMOGRAPHY(1.0) component FREQ") == true)
        #expect(problems.contains { $0.contains("code list SDMX:CL_OBS_STATUS(1.0)") })
    }

    @Test(.requires(.corpus)) func readsECBExchangeRateDSD() throws {
        var catalog = StructureCatalog()
        try catalog.add(
            StructureMessageReader().read(path: TestPaths.corpus("sdmx-test-data/ECB_EXR/1/structure-full.xml")))
        let reference = ArtefactReference(kind: .dataStructure, agencyID: "ECB", id: "ECB_EXR1", version: "1.0")
        let dsd = try #require(catalog.dataStructure(reference))
        #expect(dsd.dimensions.map(\.id) == ["FREQ", "CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX"])
        #expect(dsd.timeDimension?.id == "TIME_PERIOD")
        #expect(dsd.measures.map(\.id) == ["OBS_VALUE"])
        #expect(dsd.groups.first?.dimensionIDs == ["CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX"])
        let timeFormat = try #require(dsd.attributes.first { $0.id == "TIME_FORMAT" })
        #expect(timeFormat.isMandatory)
        #expect(timeFormat.attachment == .dimensions(["FREQ", "CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX"]))
        #expect(timeFormat.component.localRepresentation?.textFormat?.maxLength == 3)
        #expect(dsd.attributes.first { $0.id == "OBS_STATUS" }?.attachment == .observation)
        let resolved = try catalog.resolve(reference)
        #expect(resolved.components[0].codelist?.contains("M") == true)
    }

    @Test(.requires(.corpus)) func readsConstraintsAndRulesets() throws {
        let unicef = try StructureMessageReader().read(path: TestPaths.corpus("unicef/dataflow_CME_dsd.xml"))
        let constraint = try #require(unicef.constraints.first)
        #expect(constraint.type == .allowed)
        #expect(constraint.attachments.first?.id == "CME")
        #expect(constraint.dataKeySets.first?.keys.count == 6)
        let vtl = try StructureMessageReader().read(
            path: TestPaths.corpus("sdmx-test-data/v21/xml/VTL/VTL_Sample_1.xml"))
        let rulesets = try #require(vtl.rulesetSchemes.first).rulesets
        #expect(rulesets.map(\.id) == ["DPR1", "HR1"])
        #expect(rulesets[0].definition.hasPrefix("define datapoint ruleset DPR1"))
    }

    @Test func codelistParentsAreRead() throws {
        let xml = """
            <?xml version="1.0"?>
            <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
            <mes:Structures><str:Codelists><str:Codelist agencyID="T" id="CL" version="2.0">
            <com:Name xml:lang="fr">Liste</com:Name><com:Name xml:lang="en">List</com:Name>
            <str:Code id="A"><com:Name xml:lang="en">All</com:Name></str:Code>
            <str:Code id="B"><com:Name xml:lang="en">Part</com:Name><str:Parent><Ref id="A"/></str:Parent></str:Code>
            </str:Codelist></str:Codelists></mes:Structures></mes:Structure>
            """
        let message = try StructureMessageReader().read(bytes: Array(xml.utf8), source: "inline")
        let codelist = try #require(message.codelists.first)
        #expect(codelist.info.name == "List")
        #expect(codelist.reference.version == "2.0")
        #expect(codelist.code("B")?.parentID == "A")
        #expect(codelist.code("A")?.parentID == nil)
    }

    @Test func refusesDoctypeWithoutReadingEntities() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE mes:Structure [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">&secret;</mes:Structure>
            """
        #expect {
            try StructureMessageReader().read(bytes: Array(xml.utf8), source: "hostile.xml")
        } throws: { error in
            let error = error as? SDMXError
            return error?.code == .limitExceeded && error?.message.contains("DOCTYPE") == true
                && error?.message.contains("root:") == false
        }
    }

    @Test func refusesDeepNesting() throws {
        let depth = 10_000
        let xml =
            "<mes:Structure xmlns:mes=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">"
            + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</mes:Structure>"
        #expect(throws: SDMXError.self) {
            try StructureMessageReader().read(bytes: Array(xml.utf8), source: "deep.xml")
        }
    }

    @Test func reportsMalformedXMLWithItsLine() throws {
        let xml =
            "<mes:Structure xmlns:mes=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">\n<a>\n</b>\n</mes:Structure>"
        do {
            _ = try StructureMessageReader().read(bytes: Array(xml.utf8), source: "broken.xml")
            Issue.record("a mismatched tag must be an error")
        } catch let error as SDMXError {
            #expect(error.code == .malformedInput)
            #expect(error.location?.line == 3)
        }
    }

    @Test func rejectsDataGivenAsStructure() throws {
        let xml =
            "<message:StructureSpecificData xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\"/>"
        #expect {
            try StructureMessageReader().read(bytes: Array(xml.utf8), source: "data.xml")
        } throws: { ($0 as? SDMXError)?.code == .invalidStructure }
    }
}
