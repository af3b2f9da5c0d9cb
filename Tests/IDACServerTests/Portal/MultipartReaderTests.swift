import Testing

@testable import IDACServer

/// The streaming multipart reader: the same parts whichever way the body is cut into reads.
@Suite struct MultipartReaderTests {
    static let body = Array(
        ("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\njson\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\nline 1 --XyZ inline\r\n\r\n-\r\n--XyZ--\r\nepilogue").utf8)

    static func read(_ body: [UInt8], cut: Int) throws -> [String] {
        guard var reader = MultipartReader(contentType: "multipart/form-data; boundary=\"XyZ\"") else { return [] }
        var events: [String] = []
        var bytes: [UInt8] = []
        let emit = { (event: MultipartReader.Event) in
            switch event {
            case .start(let name, let fileName): events.append("start \(name) \(fileName ?? "-")")
            case .bytes(let slice): bytes += slice
            case .end:
                events.append("bytes \(String(decoding: bytes, as: UTF8.self))")
                bytes = []
            }
        }
        var start = 0
        while start < body.count {
            let end = min(body.count, start + cut)
            try reader.feed(body[start..<end], emit)
            start = end
        }
        try reader.finish()
        return events
    }

    @Test func partsAreTheSameForEveryCut() throws {
        let expected = [
            "start format -", "bytes json", "start file a \"b\".csv", "bytes line 1 --XyZ inline\r\n\r\n-",
        ]
        for cut in 1...Self.body.count {
            #expect(try Self.read(Self.body, cut: cut) == expected, "cut \(cut)")
        }
    }

    @Test func aBodyWithoutItsClosingBoundaryIsMalformed() throws {
        let cut = Array(Self.body.prefix(120))
        #expect(throws: MultipartReader.Malformed.self) { try Self.read(cut, cut: 7) }
    }

    @Test func contentTypesWithoutAUsableBoundaryAreRefused() {
        #expect(MultipartReader(contentType: "multipart/form-data") == nil)
        #expect(MultipartReader(contentType: "multipart/form-data; boundary=") == nil)
        #expect(
            MultipartReader(contentType: "multipart/form-data; boundary=" + String(repeating: "a", count: 71)) == nil)
        #expect(MultipartReader(contentType: "text/csv; boundary=a") == nil)
    }
}

/// A trickling upload is cut once its first 30 seconds are over, a steady one never.
@Suite struct UploadPaceTests {
    @Test func aTricklingUploadIsCutAfterItsGraceTime() throws {
        let start = ContinuousClock.now - .seconds(40)
        #expect(throws: PortalError.self) { try UploadReceiver.checkPace(received: 10, since: start) }
        try UploadReceiver.checkPace(received: 1_000_000, since: start)
        try UploadReceiver.checkPace(received: 0, since: ContinuousClock.now - .seconds(20))
    }
}
