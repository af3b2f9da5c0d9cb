import AllianceRepository
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACPipeline
import IDACSubmission
import IDACServer
import TestSupport
import Testing

/// `/api/validate` and `/api/transmissions`: the reports `idac validate` gives, transmissions stored for
/// their office's country only, and nothing left behind.
@Suite struct PortalAPITests {
    static func cliReport(_ path: String, format: String) throws -> String {
        let validator = try SubmissionValidator(catalog: ServiceFixture.catalog)
        let reports = try validator.validate(path: TestPaths.project(path), name: path)
        return format == "text" ? TextReportRenderer.render(reports) : JSONReportRenderer.render(reports)
    }

    @Test func validateAnswersWhatTheCommandReports() async throws {
        let fixture = try PortalFixture()
        for (path, format) in [
            ("SampleData/kenya-2024-quarterly.xml", "json"), ("SampleData/invalid/uganda-2024-Q3-errors.csv", "text"),
            ("SampleData/invalid/uganda-2024-Q3-errors.xml", "json"),
        ] {
            let expected = try Self.cliReport(path, format: format)
            let upload = PortalFixture.multipart(
                file: try PortalFixture.sample(path), fileName: path, field: format == "text" ? "uploadFile" : "file",
                fields: ["format": format])
            try await fixture.withClient { client in
                try await client.execute(
                    uri: "/api/validate", method: .post, headers: upload.headers, body: upload.body
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.text == expected, "\(path)")
                }
            }
        }
        #expect(try fixture.leftUploads().isEmpty)
    }

    /// A damaged zip or gzip is named by the upload's name, never by where the server keeps it.
    @Test func brokenArchivesNeverShowTheUploadFolder() async throws {
        let fixture = try PortalFixture()
        let folder = fixture.uploads
        try await fixture.withClient { client in
            for body in ["PK\u{03}\u{04}garbage", "\u{1F}\u{8B}garbage"] {
                try await client.execute(
                    uri: "/api/validate?format=text", method: .post, body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.text.contains("upload"), "\(response.text)")
                    #expect(!response.text.contains(folder), "\(response.text)")
                    #expect(!response.text.contains("upload-"), "\(response.text)")
                }
            }
        }
    }

    @Test func validateTakesARawBodyAndADataflow() async throws {
        let fixture = try PortalFixture()
        let csv = try PortalFixture.sample("SampleData/kenya-2024-quarterly.csv")
        try await fixture.withClient { client in
            try await client.execute(
                uri: "/api/validate?format=text&dataflow=IDAC:DF_CHILD_MIGRATION(1.0)", method: .post,
                body: ByteBuffer(string: csv)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("upload"))
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            }
            try await client.execute(
                uri: "/api/validate?dataflow=nonsense", method: .post, body: ByteBuffer(string: csv)
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try fixture.leftUploads().isEmpty)
    }

    @Test func oversizedAndBrokenUploadsAreRefusedAndRemoved() async throws {
        var fixture = try PortalFixture()
        fixture.portal.maximumUploadBytes = 2000
        let big = String(repeating: "x", count: 5000)
        let multipart = PortalFixture.multipart(file: big)
        let whole = PortalFixture.multipart(file: "a,b\n")
        let broken = (
            headers: whole.headers,
            body: ByteBuffer(string: String(buffer: whole.body).replacingOccurrences(of: "--\r\n", with: ""))
        )
        try await fixture.withClient { client in
            try await client.execute(uri: "/api/validate", method: .post, body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(
                uri: "/api/validate", method: .post, headers: multipart.headers, body: multipart.body
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/validate", method: .post, headers: broken.headers, body: broken.body) {
                response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("closing boundary"))
            }
            var noBoundary = HTTPFields()
            noBoundary[.contentType] = "multipart/form-data"
            try await client.execute(uri: "/api/validate", method: .post, headers: noBoundary, body: ByteBuffer()) {
                response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try fixture.leftUploads().isEmpty)
    }

    @Test func beyondTheConcurrentValidationsIsServiceUnavailable() async throws {
        var fixture = try PortalFixture()
        fixture.portal.maximumConcurrentValidations = 0
        try await fixture.withClient { client in
            try await client.execute(uri: "/api/validate", method: .post, body: ByteBuffer(string: "a")) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
            }
        }
    }

    @Test func aPathLikeFileNameIsOnlyAName() async throws {
        let fixture = try PortalFixture()
        let target = fixture.base.directory + "/escaped.csv"
        let upload = PortalFixture.multipart(
            file: try PortalFixture.sample("SampleData/kenya-2024-quarterly.csv"), fileName: "../../\(target)",
            fields: ["format": "json"])
        try await fixture.withClient { client in
            try await client.execute(uri: "/api/validate", method: .post, headers: upload.headers, body: upload.body) {
                response in
                #expect(response.status == .ok)
                #expect(response.text.contains("\"file\": \"../../\(target)\""))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try fixture.leftUploads().isEmpty)
    }

    @Test func anOfficeStoresItsOwnCountryOnly() async throws {
        let fixture = try PortalFixture()
        let kenya = PortalFixture.multipart(
            file: try PortalFixture.sample("SampleData/kenya-2024-quarterly.csv"), fileName: "kenya.csv")
        let uganda = PortalFixture.multipart(file: try PortalFixture.ugandaCSV(), fileName: "uganda.csv")
        let (kenyaToken, ugandaToken, secretariat) = (fixture.kenya, fixture.uganda, fixture.secretariat)
        try await fixture.withClient { client in
            // Kenya's file from Kenya: stored, with the account as its sender.
            let id = try await client.execute(
                uri: "/api/transmissions", method: .post, headers: PortalFixture.bearer(kenyaToken, kenya.headers),
                body: kenya.body
            ) { response in
                #expect(response.status == .created, "\(response.text)")
                #expect(response.text.contains("\"status\": \"accepted\""))
                return response.text.firstMatch(of: /"id": ([0-9]+)/).map { String($0.1) } ?? ""
            }
            // The same file again: the earlier transmission.
            try await client.execute(
                uri: "/api/transmissions", method: .post, headers: PortalFixture.bearer(kenyaToken, kenya.headers),
                body: kenya.body
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("\"status\": \"already ingested\", \"id\": \(id)"))
            }
            // Uganda's figures from Kenya: refused, naming the country.
            try await client.execute(
                uri: "/api/transmissions", method: .post, headers: PortalFixture.bearer(kenyaToken, uganda.headers),
                body: uganda.body
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("OTHER_COUNTRY"))
                #expect(response.text.contains("for UGA, not KEN"))
            }
            // A Delete whose key leaves REF_AREA out would delete every country's observations: refused.
            let sample = try String(
                contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), encoding: .utf8)
            let deleteAll = PortalFixture.multipart(
                file: (sample.components(separatedBy: "<message:DataSet").first ?? "")
                    .appending(
                        "<message:DataSet data:structureRef=\"IDAC_DF_CHILD_MIGRATION\" xsi:type=\"ns1:DataSetType\" "
                            + "data:action=\"Delete\"><Series FREQ=\"Q\"><Obs/></Series></message:DataSet>"
                            + "</message:StructureSpecificData>\n"
                    ), fileName: "delete.xml")
            try await client.execute(
                uri: "/api/transmissions", method: .post, headers: PortalFixture.bearer(kenyaToken, deleteAll.headers),
                body: deleteAll.body
            ) { response in
                #expect(response.status == .unprocessableContent, "\(response.text)")
                #expect(response.text.contains("names no REF_AREA"))
            }
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/Q.KEN", method: .get) { response in
                #expect(response.status == .ok, "Kenya's observations are still there")
            }
            // Kenya's file again from Uganda: not Uganda's to see, so refused as new.
            try await client.execute(
                uri: "/api/transmissions", method: .post, headers: PortalFixture.bearer(ugandaToken, kenya.headers),
                body: kenya.body
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(!response.text.contains("already ingested"))
            }
            try await client.execute(
                uri: "/api/transmissions", method: .get, headers: PortalFixture.bearer(kenyaToken)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("\"sender\": \"Kenya National Bureau of Statistics\""))
            }
            try await client.execute(
                uri: "/api/transmissions", method: .get, headers: PortalFixture.bearer(ugandaToken)
            ) { response in
                #expect(response.text == "{\"transmissions\": []}\n")
            }
            try await client.execute(
                uri: "/api/transmissions/\(id)", method: .get, headers: PortalFixture.bearer(ugandaToken)
            ) { response in
                #expect(response.status == .notFound, "another country's transmission is answered as none")
            }
            for token in [kenyaToken, secretariat] {
                try await client.execute(
                    uri: "/api/transmissions/\(id)", method: .get, headers: PortalFixture.bearer(token)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("\"report\": {") || response.text.contains("\"report\": ["))
                }
            }
        }
        let stored = try fixture.repository.transmissions().filter { $0.status == "accepted" }
        #expect(stored.count == 1)
        #expect(stored.first?.accountID == 1)
        #expect(try fixture.repository.reportingAreas(dataflow: "IDAC:DF_CHILD_MIGRATION(1.0)") == ["KEN"])
        #expect(try fixture.leftUploads().isEmpty)
    }

    @Test func noTokenOrARevokedOneChangesNothing() async throws {
        let fixture = try PortalFixture()
        let kenya = PortalFixture.multipart(file: try PortalFixture.sample("SampleData/kenya-2024-quarterly.csv"))
        let revoked = fixture.revoked
        try await fixture.withClient { client in
            for headers in [
                kenya.headers, PortalFixture.bearer(revoked, kenya.headers),
                PortalFixture.bearer("idac_" + String(repeating: "A", count: 43), kenya.headers),
                PortalFixture.bearer(String(repeating: "idac_", count: 10_000), kenya.headers),
            ] {
                try await client.execute(uri: "/api/transmissions", method: .post, headers: headers, body: kenya.body) {
                    response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"idac\"")
                }
            }
            try await client.execute(uri: "/api/transmissions", method: .get, headers: PortalFixture.bearer(revoked)) {
                response in
                #expect(response.status == .unauthorized)
            }
        }
        #expect(try fixture.repository.transmissions().isEmpty)
        #expect(try fixture.leftUploads().isEmpty)
    }
}
