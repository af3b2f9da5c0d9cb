import Foundation
import TestSupport
import Testing

/// `--strict-structures`, and `--format json` answering with a JSON object whatever the outcome.
extension CommandLineTests {
    @Test func jsonFormatPrintsAnErrorObjectWhenTheRunFails() throws {
        let run = try idac("validate", "--format", "json", "--structure", "no/such/structures.xml", "SampleData/x.xml")
        #expect(run.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        let error = try #require(object?["error"] as? [String: Any])
        #expect(error["code"] as? String == "UNREADABLE_FILE")
        #expect((error["message"] as? String)?.contains("no/such/structures.xml") == true)
        #expect(run.errors.contains("idac: error:"))
    }

    @Test func statusAndGapsAnswerJSONWhenTheyFail() throws {
        for arguments in [
            ["status", "--format", "json", "--repository", "no/such/repository.sqlite"],
            ["gaps", "--format", "json", "--repository", "no/such/repository.sqlite"],
        ] {
            let run = try idac(arguments: arguments)
            #expect(run.status == 2, "\(arguments)")
            let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
            #expect((object?["error"] as? [String: Any])?["code"] as? String == "UNREADABLE_FILE", "\(arguments)")
        }
    }

    /// What is stored must have been checked whole: ingest refuses an incomplete structure without being asked.
    @Test(.requires(.corpus)) func ingestRefusesAnIncompleteStructure() throws {
        let repository = try TestPaths.temporaryDirectory() + "/alliance.sqlite"
        let run = try idac(
            "ingest", "--repository", repository, "--structure",
            TestPaths.corpus("sdmx-test-data/ECB_EXR/1/structure.xml"),
            TestPaths.corpus("sdmx-test-data/ECB_EXR/1/M.USD.EUR.SP00.A.xml"))
        #expect(run.status == 2)
        #expect(run.errors.contains("needs 11 artefacts"), "\(run.errors)")
        let status = try idac("status", "--format", "json", "--repository", repository)
        #expect(!status.output.contains("\"refArea\""), "nothing stored: \(status.output)")
    }

    @Test(.requires(.corpus)) func strictStructuresRefuseWhatLenientLoadingWarnsAbout() throws {
        let structure = TestPaths.corpus("sdmx-test-data/ECB_EXR/1/structure.xml")
        let data = TestPaths.corpus("sdmx-test-data/ECB_EXR/1/M.USD.EUR.SP00.A.xml")
        let lenient = try idac("validate", "--format", "json", "--structure", structure, data)
        // The file's own defects (values longer than their format) make it invalid, not the structure.
        #expect(lenient.status == 1)
        #expect(lenient.output.components(separatedBy: "\"STRUCTURE_INCOMPLETE\"").count - 1 >= 11)
        let strict = try idac("validate", "--strict-structures", "--format", "json", "--structure", structure, data)
        #expect(strict.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(strict.output.utf8)) as? [String: Any]
        let error = try #require(object?["error"] as? [String: Any])
        #expect(error["code"] as? String == "UNRESOLVED_REFERENCE")
        #expect((error["message"] as? String)?.contains("needs 11 artefacts") == true)
    }
}
