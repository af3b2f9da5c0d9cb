import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACServer
import TestSupport
import Testing

/// The pages in words: dataflows and countries by their names, every value escaped, the Secretariat's
/// status and gap map.
@Suite struct PortalPagesTests {
    /// A session cookie for a token, signed in through the form.
    static func signIn(_ client: any TestClientProtocol, token: String) async throws -> String {
        let csrf = try await PortalSecurityTests.csrf(client)
        let (headers, body) = PortalSecurityTests.form(
            ["token": token, "csrf": csrf.field], cookies: "idac_csrf=\(csrf.cookie)")
        let session = try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: body) {
            $0.headers[.setCookie]?.firstMatch(of: /idac_session=([A-Za-z0-9_-]+)/).map { String($0.1) } ?? ""
        }
        return "idac_session=\(session); idac_csrf=\(csrf.cookie)"
    }

    @Test func theHomePageNamesTheDataflows() async throws {
        try await PortalFixture().withClient { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("IDAC:DF_CHILD_MIGRATION(1.0)"))
                #expect(!response.text.contains("<script"))
            }
        }
    }

    @Test func theSecretariatSeesStatusAndGapsInWords() async throws {
        let fixture = try PortalFixture(ingesting: ["SampleData/kenya-2024-quarterly.xml"])
        let secretariat = fixture.secretariat
        try await fixture.withClient { client in
            var headers = HTTPFields()
            headers[.cookie] = try await Self.signIn(client, token: secretariat)
            try await client.execute(uri: "/status?period=2024-Q3", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Kenya (KEN)"), "\(response.text.suffix(800))")
                #expect(response.text.contains("(DF_CHILD_MIGRATION)"))
                #expect(response.text.contains("<td>reported</td>"))
            }
            try await client.execute(uri: "/status?period=%3Cb%3E", method: .get, headers: headers) { response in
                #expect(response.text.contains("&lt;b&gt;"))
                #expect(!response.text.contains("<b>"))
            }
            try await client.execute(uri: "/gaps?period=2024", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("KEN"))
            }
            for query in ["period=nonsense", "period=2024-W01", "period=2024-M01", "dataflow=IDAC:NOPE(1.0)"] {
                try await client.execute(uri: "/gaps?\(query)", method: .get, headers: headers) { response in
                    #expect(response.status == .badRequest, "\(query)")
                }
            }
            try await client.execute(uri: "/transmissions", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("command line"))
            }
        }
    }

    @Test func pagesEscapeWhatFilesAndAccountsSay() async throws {
        let fixture = try PortalFixture()
        let kenya = fixture.kenya
        try await fixture.withClient { client in
            let cookies = try await Self.signIn(client, token: kenya)
            let csrf = try await PortalSecurityTests.sessionField(client, cookies: cookies)
            let form = PortalFixture.multipart(
                file: try PortalFixture.sample("SampleData/kenya-2024-quarterly.csv"),
                fileName: "<img src=x onerror=alert(1)>.csv", fields: ["csrf": csrf])
            var headers = form.headers
            headers[.cookie] = cookies
            try await client.execute(uri: "/submit", method: .post, headers: headers, body: form.body) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Accepted: &lt;img src=x onerror=alert(1)&gt;.csv"))
                #expect(!response.text.contains("<img"))
            }
            var listing = HTTPFields()
            listing[.cookie] = cookies
            try await client.execute(uri: "/transmissions", method: .get, headers: listing) { response in
                #expect(response.text.contains("&lt;img"))
                #expect(!response.text.contains("<img"))
            }
        }
    }
}
