import Foundation
import TestSupport
import Testing

/// SIGTERM while a long answer is being written: the client gets all of it (the service finishes answers
/// before it stops), or an error it can see; never an answer cut short that looks whole.
@Suite(.serialized) struct ServeShutdownTests {
    /// Kenya's four quarterly series over the quarters of 1000 to 2024: 16 400 observations.
    static func manyQuarters(in directory: String) throws -> String {
        let lines = try String(
            contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8
        ).split(separator: "\n")
        var text = String(lines[0]) + "\n"
        for year in 1000...2024 {
            for quarter in 1...4 {
                for line in lines where line.contains(",2024-Q1,") {
                    text += line.replacingOccurrences(of: ",2024-Q1,", with: ",\(year)-Q\(quarter),") + "\n"
                }
            }
        }
        let path = directory + "/many.csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// The body of a chunked answer, and whether it ended with its last (empty) chunk.
    static func dechunk(_ bytes: [UInt8]) -> (body: [UInt8], ended: Bool) {
        var body: [UInt8] = []
        var index = 0
        while let lineEnd = bytes[index...].firstIndex(of: 0x0A) {
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
            if size == 0 { return (body, true) }
            let start = lineEnd + 1
            guard start + size + 2 <= bytes.count else { break }
            body += bytes[start..<start + size]
            index = start + size + 2
        }
        return (body, false)
    }

    @Test func stoppingDuringALongAnswerNeverCutsItShort() throws {
        let directory = try TestPaths.temporaryDirectory()
        let repository = directory + "/alliance.sqlite"
        let ingest = try CommandLineTests().idac(
            arguments: ["ingest", "--repository", repository, try Self.manyQuarters(in: directory)])
        try #require(ingest.status == 0, "\(ingest.errors)")
        let service = try RunningService.start(repository: repository)
        let port = try #require(Int(service.baseURL.split(separator: ":").last ?? ""))
        let connection = try RawConnection(port: port)
        try connection.send(
            "GET /rest/data/DF_CHILD_MIGRATION/Q.KEN HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: application/vnd.sdmx.genericdata+xml;version=2.1\r\n\r\n")
        // The answer has begun (some of it read, most of it still to come) when the service is told to stop.
        var received = connection.receive(count: 16_384)
        try #require(!received.isEmpty)
        service.process.terminate()
        received += connection.receiveAll(limit: 1 << 30)
        service.process.waitUntilExit()
        let text = String(decoding: received, as: UTF8.self)
        let headerEnd = try #require(text.range(of: "\r\n\r\n"))
        let head = String(text[..<headerEnd.lowerBound])
        #expect(head.hasPrefix("HTTP/1.1 200"))
        let bodyStart = text.utf8.distance(from: text.startIndex, to: headerEnd.upperBound)
        let rest = Array(received[bodyStart...])
        let body: [UInt8]
        let complete: Bool
        if head.lowercased().contains("transfer-encoding: chunked") {
            let decoded = Self.dechunk(rest)
            body = decoded.body
            complete = decoded.ended
        } else {
            let length = head.firstMatch(of: /(?i)content-length: *([0-9]+)/).flatMap { Int($0.1) } ?? -1
            body = rest
            complete = length == rest.count
        }
        let xml = String(decoding: body, as: UTF8.self)
        // An answer that says it is whole holds every observation; here the service finished it before stopping.
        #expect(complete, "the answer was cut short: \(body.count) bytes")
        if complete {
            #expect(xml.hasSuffix("</message:GenericData>") || xml.hasSuffix("</message:GenericData>\n"))
            #expect(xml.components(separatedBy: "<generic:Obs>").count - 1 == 16_400)
        }
        #expect(body.count > 1 << 20, "the answer was long enough to be in flight")
        #expect(service.process.terminationStatus == 0)
    }
}
