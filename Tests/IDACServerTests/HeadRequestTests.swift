import Hummingbird
import HummingbirdTesting
import Testing

/// HEAD on a data query answers the status and headers without reading the answer.
struct HeadRequestTests {
    @Test func headAnswersHeadersWithoutABody() async throws {
        let fixture = try ServiceFixture()
        try await fixture.withClient { client in
            let response = try await client.execute(
                uri: "/rest/data/DF_CHILD_MIGRATION/Q.KEN?format=csv", method: .head)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.contains("csv") == true)
            #expect(response.body.readableBytes == 0)
        }
    }
}
