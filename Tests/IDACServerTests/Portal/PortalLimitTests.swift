import AllianceRepository
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import IDACServer

/// The limits on one upload's check: its time, its client's presence, and how many one address may send at once.
@Suite struct PortalLimitTests {
    /// A check past its deadline stops with an answer that says so; nothing is stored, nothing is left.
    @Test func aValidationPastItsDeadlineStopsAndStoresNothing() async throws {
        var fixture = try PortalFixture()
        fixture.portal.maximumValidationTime = .zero
        let kenya = fixture.kenya
        let upload = PortalFixture.multipart(file: try PortalFixture.sample("SampleData/kenya-2024-quarterly.csv"))
        try await fixture.withClient { client in
            for (uri, headers) in [
                ("/api/validate", upload.headers), ("/api/transmissions", PortalFixture.bearer(kenya, upload.headers)),
            ] {
                try await client.execute(uri: uri, method: .post, headers: headers, body: upload.body) { response in
                    #expect(response.status == .serviceUnavailable, "\(uri): \(response.text)")
                    #expect(response.text.contains("took longer than"), "\(response.text)")
                    #expect(response.headers[.retryAfter] == nil)
                }
            }
        }
        #expect(try fixture.repository.transmissions(country: nil).isEmpty)
        #expect(try fixture.leftUploads().isEmpty)
    }

    /// Past its address's share of the slots an upload is refused at once (429), while another address
    /// may still send; the slot is given back when the held upload ends.
    @Test func oneAddressCannotHoldEverySlot() async throws {
        var fixture = try PortalFixture()
        fixture.portal.maximumUploadsPerAddress = 1
        let watched = fixture
        try await fixture.withLiveClient { client, port in
            // An upload that has sent its headers and a little of its body holds a slot.
            let held = try RawConnection(port: port)
            try held.send(
                "POST /api/validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\nSTRUCTURE,")
            // Its file appears once it holds the slot: a request sent before that would take the slot first.
            for _ in 0..<250 where try watched.leftUploads().isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try !watched.leftUploads().isEmpty, "the held upload is being received")
            var refused: HTTPResponse.Status = .ok
            for _ in 0..<50 {
                let response = try await client.execute(
                    uri: "/api/validate", method: .post, body: ByteBuffer(string: "x"))
                refused = response.status
                if refused == .tooManyRequests {
                    #expect(response.headers[.retryAfter] != nil)
                    #expect(String(buffer: response.body).contains("already sending"))
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(refused == .tooManyRequests)
            held.close()
            var answered: HTTPResponse.Status = .tooManyRequests
            for _ in 0..<100 where answered == .tooManyRequests {
                try await Task.sleep(for: .milliseconds(20))
                answered = try await client.execute(
                    uri: "/api/validate", method: .post, body: ByteBuffer(string: "x")
                ).status
            }
            #expect(answered == .ok, "the closed upload gave its slot back")
        }
        #expect(try fixture.leftUploads().isEmpty)
    }

    /// A long check whose client goes away stops at its next chunk: its slot and file are freed then, not
    /// when the check would have ended (some half a minute here, in a debug build).
    @Test func aValidationStopsWhenItsClientGoesAway() async throws {
        var fixture = try PortalFixture()
        fixture.portal.maximumUploadsPerAddress = 1
        let body = try Self.longCheck(observations: 1_000_000)
        let uploads = fixture.uploads
        try await fixture.withLiveClient { client, port in
            let gone = try RawConnection(port: port)
            try gone.send("POST /api/validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.count)\r\n\r\n")
            try gone.send(body)
            // Received in full, it is being checked; then its client goes.
            try await Task.sleep(for: .seconds(2))
            #expect(try FileManager.default.contentsOfDirectory(atPath: uploads).count == 1)
            gone.close()
            let start = ContinuousClock.now
            var status = HTTPResponse.Status.tooManyRequests
            while status == .tooManyRequests, ContinuousClock.now - start < .seconds(90) {
                try await Task.sleep(for: .milliseconds(50))
                status = try await client.execute(
                    uri: "/api/validate", method: .post, body: ByteBuffer(string: "x")
                ).status
            }
            #expect(status == .ok)
            #expect(ContinuousClock.now - start < .seconds(8), "the slot was freed when its client went")
        }
        #expect(try fixture.leftUploads().isEmpty)
    }

    /// A gzip SDMX-CSV that takes long to check: its lines differ, so it compresses some 20 times (not a bomb).
    static func longCheck(observations: Int) throws -> [UInt8] {
        let encoder = try GzipEncoder()
        var compressed: [UInt8] = []
        var chunk =
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD,"
            + "OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
        for index in 0..<observations {
            chunk +=
                "dataflow,IDAC:DF_CHILD_MIGRATION(1.0),I,A,KEN,MG_ASYLM_APPL_NEW,SOM,F,Y0T17,_T,\(1000 + index % 1000),"
                + "\(index),PS,0,A\n"
            if chunk.utf8.count > 1 << 16 {
                compressed += Array(buffer: try encoder.compress(ByteBuffer(string: chunk)))
                chunk = ""
            }
        }
        compressed += Array(buffer: try encoder.finish(ByteBuffer(string: chunk)))
        return compressed
    }
}
