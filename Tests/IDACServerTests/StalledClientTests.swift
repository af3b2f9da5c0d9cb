import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import Testing

@testable import IDACServer

@Suite struct StalledClientTests {
    /// A client that stops reading for 30 s loses its connection (and with it its answer slot); one that
    /// reads again in time keeps it.
    @Test func aClientThatStopsReadingIsDisconnected() throws {
        let channel = EmbeddedChannel(handler: StalledClientHandler(patience: .seconds(30)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(20))
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(20))
        #expect(channel.isActive, "a client that read again in time keeps its connection")
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(31))
        #expect(!channel.isActive, "a client stalled for 30 s is disconnected")
    }

    /// Error messages quote the client's query: what XML cannot carry is replaced, the length bounded.
    @Test func errorMessagesAreAlwaysXML() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/Q.K%01EN%00", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(!response.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
                #expect(response.text.contains("K?EN?"))
            }
        }
        #expect(ErrorAnswer.printable(String(repeating: "x", count: 5000)).count == 1001)
    }
}

@Suite struct HTTPDateTests {
    /// HTTP dates are IMF-fixdate in GMT, written by hand and read back by the formatter.
    @Test func writesAndReadsIMFFixdate() throws {
        let date = try #require(HTTPDate(repositoryInstant: "2026-03-01T07:05:09.250Z"))
        #expect(date.text == "Sun, 01 Mar 2026 07:05:09 GMT")
        #expect(HTTPDate(header: date.text)?.date.timeIntervalSince1970 == 1_772_348_709)
        #expect(HTTPDate.notModified(since: "Sun, 01 Mar 2026 07:05:09 GMT", lastChange: "2026-03-01T07:05:09.250Z"))
        #expect(!HTTPDate.notModified(since: "Sun, 01 Mar 2026 07:05:08 GMT", lastChange: "2026-03-01T07:05:09.250Z"))
    }
}
