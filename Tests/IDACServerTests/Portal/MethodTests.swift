import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// HEAD wherever GET is answered, and 405 with `Allow` for a known path asked with another method.
@Suite struct MethodTests {
    @Test func headAnswersEveryGetRouteWithoutABody() async throws {
        let fixture = try PortalFixture()
        try await fixture.withClient { client in
            for uri in ["/", "/validate", "/sign-in", "/health", "/rest/dataflow"] {
                let get = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                #expect(head.status == get.status, "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
            }
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        let fixture = try PortalFixture()
        try await fixture.withClient { client in
            for (uri, method, allow) in [
                ("/api/validate", HTTPRequest.Method.get, "POST"), ("/sign-out", .get, "POST"),
                ("/validate", .put, "GET, POST, HEAD"), ("/api/transmissions/7", .delete, "GET, HEAD"),
                ("/rest/data/DF_CHILD_MIGRATION", .post, "GET, HEAD"), ("/health", .post, "GET, HEAD"),
            ] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(
                        response.headers[.allow].map { Set($0.split(separator: ", ")) }
                            == Set(allow.split(separator: ", ")), "\(method) \(uri)")
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
            }
            // An unknown path is still 404, whatever the method.
            for method in [HTTPRequest.Method.get, .post] {
                #expect(try await client.execute(uri: "/no-such-page", method: method).status == .notFound)
            }
        }
    }
}
