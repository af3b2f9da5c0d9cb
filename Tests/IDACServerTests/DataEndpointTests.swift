import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACPipeline
import IDACSubmission
import IDACServer
import SDMXModel
import TestSupport
import Testing

@Suite struct DataEndpointTests {
    @Test func healthAnswers() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == "ok\n")
            }
        }
    }

    @Test func dataIsStructureSpecificSeriesByDefault() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/all", method: .get) { response in
                #expect(response.status == .ok)
                #expect(
                    response.headers[.contentType]
                        == "application/vnd.sdmx.structurespecificdata+xml; version=2.1")
                #expect(response.headers[.vary] == "Accept, Accept-Encoding")
                let body = response.text
                #expect(body.contains("<message:StructureSpecificData"))
                #expect(body.contains("dimensionAtObservation=\"TIME_PERIOD\""))
                #expect(body.contains("<Series "))
                #expect(body.components(separatedBy: "<Obs ").count - 1 > 10)
                #expect(body.hasSuffix("</message:StructureSpecificData>\n"))
            }
        }
    }

    @Test func keySelectsSeriesAndUnknownFlowIsNotFound() async throws {
        try await ServiceFixture().withClient { client in
            // A REF_AREA no observation has: 404 with an SDMX error message, code 100.
            try await client.execute(uri: "/rest/data/IDAC,DF_CHILD_MIGRATION/.UGA", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("code=\"100\""))
            }
            // Missing trailing positions are wildcards; `+` joins alternatives, never a space.
            let all = try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/Q.KEN", method: .get) {
                response in
                #expect(response.status == .ok)
                return response.text.components(separatedBy: "<Obs ").count - 1
            }
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/Q.KEN%2BUGA", method: .get) { response in
                #expect(response.text.components(separatedBy: "<Obs ").count - 1 == all)
            }
            // A code that is in no code list of its dimension is an error naming it (400 on 1.5).
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/Q.XXX", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("XXX"))
            }
            try await client.execute(uri: "/rest/v2/data/dataflow/IDAC/DF_CHILD_MIGRATION/1.0/Q.XXX", method: .get) {
                response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/rest/data/IDAC,NO_SUCH_FLOW,1.0/all", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("code=\"100\""))
                #expect(response.text.contains("<message:Error"))
            }
        }
    }

    @Test func representationsFollowAccept() async throws {
        try await ServiceFixture().withClient { client in
            let csv1: HTTPFields = [.accept: "application/vnd.sdmx.data+csv;version=1.0.0"]
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION", method: .get, headers: csv1) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8")
                #expect(response.text.hasPrefix("DATAFLOW,"))
            }
            let weighted: HTTPFields = [
                .accept: "application/vnd.sdmx.genericdata+xml;version=2.1;q=0.5, text/csv;q=0.9"
            ]
            try await client.execute(
                uri: "/rest/v2/data/dataflow/IDAC/DF_CHILD_MIGRATION/~/*", method: .get,
                headers: weighted
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.hasPrefix("STRUCTURE,STRUCTURE_ID,ACTION,"))
            }
            let generic: HTTPFields = [.accept: "application/vnd.sdmx.genericdata+xml;version=2.1"]
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION", method: .get, headers: generic) {
                response in
                #expect(response.text.contains("<generic:Series><generic:SeriesKey>"))
                #expect(response.text.contains("<generic:ObsDimension value="))
            }
            // SDMX-ML 3.0: structure-specific series, the structure named by URN, read back by idac's own reader.
            let xml30: HTTPFields = [.accept: "application/vnd.sdmx.data+xml;version=3.0.0"]
            let body30 = try await client.execute(
                uri: "/rest/v2/data/dataflow/IDAC/DF_CHILD_MIGRATION/1.0/*", method: .get, headers: xml30
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.sdmx.data+xml; version=3.0.0")
                return response.text
            }
            #expect(body30.contains("xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message\""))
            #expect(
                body30.contains(
                    "<common:StructureUsage>urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow="
                        + "IDAC:DF_CHILD_MIGRATION(1.0)</common:StructureUsage>"))
            #expect(body30.contains("<message:DataSet ss:structureRef=\"S1\""))
            let path30 = try TestPaths.temporaryDirectory() + "/answer30.xml"
            try body30.write(toFile: path30, atomically: true, encoding: .utf8)
            let reread = try SubmissionValidator(catalog: StructureLoader().loadEmbedded()).validate(path: path30)
            #expect(reread.first?.format.contains("SDMX-ML 3.0") == true, "\(reread.map(\.format))")
            #expect(reread.first?.findings.isEmpty == true, "\(reread.first?.findings.map(\.message) ?? [])")
            #expect(reread.first?.observations == body30.components(separatedBy: "<Obs ").count - 1)
            let html: HTTPFields = [.accept: "text/html"]
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION", method: .get, headers: html) { response in
                #expect(response.status == .notAcceptable)
            }
        }
    }

    @Test func periodsAndLastObservations() async throws {
        try await ServiceFixture().withClient { client in
            let csv: HTTPFields = [.accept: "application/vnd.sdmx.data+csv;version=2.0.0"]
            func periods(_ uri: String) async throws -> [String] {
                try await client.execute(uri: uri, method: .get, headers: csv) { response in
                    guard response.status == .ok else { return ["status \(response.status.code)"] }
                    let lines = response.text.split(separator: "\n").map { $0.split(separator: ",") }
                    guard let header = lines.first, let time = header.firstIndex(of: "TIME_PERIOD") else { return [] }
                    return lines.dropFirst().map { String($0[time]) }
                }
            }
            let all = try await periods("/rest/data/DF_CHILD_MIGRATION")
            #expect(all.contains("2024-Q1") && all.contains("2024-Q4"))
            let fromQ3 = try await periods("/rest/data/DF_CHILD_MIGRATION?startPeriod=2024-Q3")
            #expect(!fromQ3.isEmpty && fromQ3.allSatisfy { $0 >= "2024-Q3" })
            // A month inside the third quarter selects by interval: the quarters that lie within it.
            let untilSeptember = try await periods("/rest/data/DF_CHILD_MIGRATION?endPeriod=2024-09")
            #expect(!untilSeptember.isEmpty && untilSeptember.allSatisfy { $0 <= "2024-Q3" })
            let last = try await periods("/rest/data/DF_CHILD_MIGRATION?lastNObservations=1")
            #expect(!last.isEmpty && last.allSatisfy { $0 == "2024-Q4" })
            let v2 = try await periods(
                "/rest/v2/data/dataflow/IDAC/DF_CHILD_MIGRATION/*/*?c%5BTIME_PERIOD%5D=ge:2024-Q2%2Ble:2024-Q3")
            #expect(Set(v2) == ["2024-Q2", "2024-Q3"])
            let unknown = try await periods("/rest/data/DF_CHILD_MIGRATION?colour=blue")
            #expect(unknown == ["status 400"])
        }
    }

    @Test func dataAnswersCarryValidators() async throws {
        try await ServiceFixture().withClient { client in
            let tag = try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION", method: .get) { response in
                #expect(response.headers[.lastModified]?.hasSuffix(" GMT") == true)
                return response.headers[.eTag] ?? ""
            }
            #expect(tag.hasPrefix("\""))
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION", method: .get, headers: [.ifNoneMatch: tag]) {
                response in
                #expect(response.status == .notModified)
            }
            try await client.execute(
                uri: "/rest/data/DF_CHILD_MIGRATION", method: .get,
                headers: [.accept: "application/vnd.sdmx.data+csv;version=2.0.0", .ifNoneMatch: tag]
            ) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func gzipWhenAccepted() async throws {
        try await ServiceFixture().withClient { client in
            let headers: HTTPFields = [.acceptEncoding: "gzip, deflate"]
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION", method: .get, headers: headers) {
                response in
                #expect(response.headers[.contentEncoding] == "gzip")
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.starts(with: [0x1f, 0x8b]))
                let plain = try Gunzip.run(bytes)
                #expect(plain.hasSuffix("</message:StructureSpecificData>\n"))
            }
        }
    }

    @Test func tooLargeAnswersAreRefusedNotCut() async throws {
        try await ServiceFixture().withClient(maximumObservations: 5) { client in
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION", method: .get) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.text.contains("code=\"510\""))
            }
        }
    }

    @Test func unknownResourcesAndBrokenEscapes() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/rest/nonsense/x", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/rest/data/DF_%ZZ", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/rest/v2/metadata/metadataset", method: .get) { response in
                #expect(response.status == .notImplemented)
            }
        }
    }
}

/// gzip's own tool decompresses what the service sent.
enum Gunzip {
    static func run(_ bytes: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread {
            input.fileHandleForWriting.write(Data(bytes))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
