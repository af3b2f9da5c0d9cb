import Foundation
import IDACSubmission
import SDMXModel
import SDMXValidation
import SDMXXML
import TestSupport
import Testing

/// Structure files as registries publish them: partial, stubbed, overlapping. Validation goes on
/// with what is there and says what it could not check (STRUCTURE_INCOMPLETE), unless told to be strict.
@Suite struct LenientStructureTests {
    static let header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" \
        xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" \
        xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
        <mes:Header><mes:ID>T</mes:ID><mes:Test>true</mes:Test><mes:Prepared>2024-01-01T00:00:00</mes:Prepared>
        <mes:Sender id="T"/></mes:Header>
        <mes:Structures>
        """
    static let footer = "</mes:Structures></mes:Structure>\n"

    static func codelist(_ name: String) -> String {
        """
        <str:Codelist id="CL_AREA" agencyID="T" version="1.0"><com:Name xml:lang="en">Areas</com:Name>
        <str:Code id="KE"><com:Name xml:lang="en">\(name)</com:Name></str:Code>
        <str:Code id="UG"><com:Name xml:lang="en">Uganda</com:Name></str:Code></str:Codelist>
        """
    }

    static func write(_ text: String, name: String) throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func corpus(_ path: String) -> String { TestPaths.corpus(path) }

    /// A code list two files define differently is refused, naming both files and where they differ.
    @Test func conflictNamesBothFilesAndTheFirstDifference() throws {
        let first = try Self.write(
            Self.header + "<str:Codelists>" + Self.codelist("Kenya") + "</str:Codelists>" + Self.footer, name: "a.xml")
        let second = try Self.write(
            Self.header + "<str:Codelists>" + Self.codelist("Kenia") + "</str:Codelists>" + Self.footer, name: "b.xml")
        do {
            _ = try StructureLoader().load(paths: [first, second])
            Issue.record("two different definitions must be refused")
        } catch let error as SDMXError {
            #expect(error.code == .conflictingArtefact)
            #expect(error.message.contains(first) && error.message.contains(second))
            #expect(error.message.contains("codes[KE].name: 'Kenya' against 'Kenia'"), "\(error.message)")
        }
    }

    /// An artefact given twice in one file: alike, a warning naming both lines; different, an error naming them.
    @Test func artefactDefinedTwiceInOneFileIsNamed() throws {
        let alike = try Self.write(
            Self.header + "<str:Codelists>" + Self.codelist("Kenya") + "\n" + Self.codelist("Kenya")
                + "</str:Codelists>" + Self.footer, name: "alike.xml")
        let catalog = try StructureLoader().load(paths: [alike])
        #expect(catalog.warnings.count == 1)
        #expect(catalog.warnings.first?.contains("defined twice in \(alike) (lines 5 and 8)") == true)
        let different = try Self.write(
            Self.header + "<str:Codelists>" + Self.codelist("Kenya") + "\n" + Self.codelist("Kenia")
                + "</str:Codelists>" + Self.footer, name: "different.xml")
        #expect {
            _ = try StructureLoader().load(paths: [different])
        } throws: { error in
            guard let error = error as? SDMXError else { return false }
            return error.code == .conflictingArtefact && error.message.contains("twice in \(different) (lines 5 and 8)")
        }
    }

    /// Registries answer `detail=allstubs` with a DSD without components and a dataflow without its
    /// structure: both load; only data that use them are refused, with a finding that says so.
    @Test func stubsLoadAndOnlyTheirDataAreRefused() throws {
        let stubs = try Self.write(
            Self.header + """
                <str:Dataflows><str:Dataflow id="DF_STUB" agencyID="T" version="1.0">
                <com:Name xml:lang="en">Stub</com:Name></str:Dataflow></str:Dataflows>
                <str:DataStructures><str:DataStructure id="DSD_STUB" agencyID="T" version="1.0">
                <com:Name xml:lang="en">Stub</com:Name></str:DataStructure></str:DataStructures>
                """ + Self.footer, name: "stubs.xml")
        let catalog = try StructureLoader().load(paths: [stubs])
        #expect(catalog.dataStructures.values.first?.info.isStub == true)
        #expect(catalog.dataflows.values.first?.info.isStub == true)
        #expect(catalog.unresolvedReferences() == [])
        let data = try Self.write(
            "STRUCTURE,STRUCTURE_ID,ACTION,AREA,TIME_PERIOD,OBS_VALUE\ndataflow,T:DF_STUB(1.0),I,KE,2020,1\n",
            name: "stub-data.csv")
        let report = try #require(try SubmissionValidator(catalog: catalog).validate(path: data).first)
        let finding = try #require(report.findings.first { $0.code == .unknownStructure })
        #expect(finding.message.contains("loaded only as a stub"), "\(finding.message)")
    }

    /// `ECB_EXR/1/structure.xml` names eleven code lists it does not hold: the data are checked with
    /// what is there and each missing list is reported once; strict, every one is named in one error.
    @Test(.requires(.corpus)) func incompleteStructureIsCheckedWithWhatIsThere() throws {
        var catalog = try StructureLoader().load(paths: [Self.corpus("sdmx-test-data/ECB_EXR/1/structure.xml")])
        let data = Self.corpus("sdmx-test-data/ECB_EXR/1/M.USD.EUR.SP00.A.xml")
        let report = try #require(try SubmissionValidator(catalog: catalog).validate(path: data).first)
        let incomplete = report.findings.filter { $0.code == .structureIncomplete }
        #expect(incomplete.count == 11)
        #expect(incomplete.allSatisfy { $0.severity == .warning })
        #expect(Set(incomplete.compactMap(\.value)).count == 11, "each missing artefact once")
        #expect(incomplete.contains { $0.value == "ECB:CL_CURRENCY(1.0)" && $0.component == "CURRENCY,CURRENCY_DENOM" })
        #expect(report.warnings == 11)
        #expect(report.observations == 252)
        // The file's own defects are still found: OBS_VALUE longer than its format allows.
        #expect(report.byCode[.invalidValue] == 188)
        catalog.requiresCompleteStructures = true
        do {
            _ = try SubmissionValidator(catalog: catalog).validate(path: data)
            Issue.record("strict structures must refuse an incomplete one")
        } catch let error as SDMXError {
            #expect(error.code == .unresolvedReference)
            #expect(error.message.contains("needs 11 artefacts"))
            #expect(error.message.contains("ECB:CL_FREQ(1.0)") && error.message.contains("ECB:CL_UNIT_MULT(1.0)"))
        }
        // `--dataflow` naming the DSD: the message names the missing lists, not the DSD as absent.
        let named = try SubmissionValidator(
            catalog: catalog,
            dataflow: ArtefactReference(kind: .dataflow, agencyID: "ECB", id: "ECB_EXR1", version: "1.0"))
        do {
            _ = try named.validate(path: data)
            Issue.record("strict structures must refuse an incomplete one named by --dataflow")
        } catch let error as SDMXError {
            #expect(error.message.contains("needs 11 artefacts"), "\(error.message)")
        }
    }

    /// Every structure message of the corpus (SDMX-ML 2.1 and 3.0) loads alone, and every DSD in it
    /// resolves with what is there: nothing a registry publishes stops the run unless strict.
    @Test(.requires(.corpus)) func everyCorpusStructureMessageLoadsAloneAndResolves() throws {
        let files = ["sdmx-test-data", "unicef", "sdg", "sdmx-ml-2.1/samples", "sdmx-ml-3.0"].flatMap {
            TestPaths.corpusFiles(under: $0, extension: "xml")
        }.filter { TestPaths.rootElement(of: $0) == "Structure" }
        #expect(files.count >= 50, "found \(files.count)")
        for file in files {
            let catalog: StructureCatalog
            do {
                catalog = try StructureLoader().load(paths: [file])
            } catch {
                Issue.record("\(file) does not load: \(error)")
                continue
            }
            for dsd in catalog.dataStructures.values where !dsd.info.isStub {
                #expect(throws: Never.self, "\(file) \(dsd.reference)") {
                    _ = try catalog.resolve(dsd.reference, allowIncomplete: true)
                }
            }
        }
    }

    /// SDMX 2.1's measure dimension enumerated by a concept scheme: its values are the concept ids.
    @Test(.requires(.corpus)) func measureDimensionTakesTheConceptSchemesIDs() throws {
        let catalog = try StructureLoader().load(paths: [
            Self.corpus("sdmx-test-data/v21/xml/demography/demography.xml")
        ])
        let structure = try catalog.resolve(
            ArtefactReference(kind: .dataStructure, agencyID: "ESTAT", id: "DEMOGRAPHY", version: "1.0"),
            allowIncomplete: true)
        let demo = try #require(structure.components.first { $0.id == "DEMO" })
        #expect(demo.codelist?.codes.count == 14)
        #expect(demo.codelist?.contains("TFRNSI") == true)
        #expect(!structure.missing.contains { $0.reference.id == "DEMO_MEASURES" })
        #expect(structure.missing.contains { $0.reference.id == "CROSS_DOMAIN_CONCEPTS" })
        // Its cross-sectional data name the measure by each Obs's xsi:type (explicit measures).
        let report = try #require(
            try SubmissionValidator(catalog: catalog).validate(
                path: Self.corpus("sdmx-test-data/v21/xml/demography/demography_xs.xml")
            ).first)
        #expect(report.observations == 60)
        #expect(report.byCode[.missingDimension] == nil)
        #expect(report.byCode[.duplicateObservation] == nil)
        #expect(report.byCode[.invalidCode] == nil)
    }

    /// Each registry ships its own subset of SDMX:AGENCIES: ECB's beside UNICEF's, or beside the SDG
    /// DSD, loads with the schemes merged and a warning.
    @Test(.requires(.corpus)) func overlappingAgencySchemesMerge() throws {
        for other in ["unicef/dataflow_CME_dsd.xml", "sdg/SDG_DSD.xml", "sdmx-test-data/IMF_STA/DSD_BOP.xml"] {
            let catalog = try StructureLoader().load(paths: [
                Self.corpus("sdmx-test-data/ECB_EXR/1/structure-full.xml"), Self.corpus(other),
            ])
            let agencies = catalog.agencySchemes.values.first {
                $0.reference.id == "AGENCIES" && $0.reference.agencyID == "SDMX"
            }
            #expect((agencies?.agencies.count ?? 0) >= 7, "\(other)")
            #expect(agencies?.agencies.contains { $0.id == "ECB" } == true, "\(other)")
            if other != "sdmx-test-data/IMF_STA/DSD_BOP.xml" {
                #expect(catalog.warnings.contains { $0.contains("agency scheme SDMX:AGENCIES(1.0)") }, "\(other)")
            }
        }
    }
}
