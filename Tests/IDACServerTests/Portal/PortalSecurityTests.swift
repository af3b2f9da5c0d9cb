import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACServer
import Logging
import Synchronization
import TestSupport
import Testing

/// The portal's defences: security headers, CSRF tokens, sessions, sign-in limits, logs without tokens.
@Suite struct PortalSecurityTests {
    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        let fixture = try PortalFixture()
        try await fixture.withClient { client in
            for uri in ["/", "/validate", "/sign-in", "/no-such-page", "/rest/dataflow", "/health", "/status"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let policy = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(policy.contains("default-src 'none'"), "\(uri)")
                    #expect(!policy.contains("script-src"), "\(uri)")
                    #expect(policy.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                }
            }
        }
    }

    @Test func errorAnswersSayNoMoreThanTheirStatus() async throws {
        let fixture = try PortalFixture()
        // A repository that vanished after the start: the failure is logged, not shown.
        try FileManager.default.removeItem(atPath: fixture.base.repositoryPath)
        let kenya = fixture.kenya
        try await fixture.withClient { client in
            try await client.execute(uri: "/api/transmissions", method: .get, headers: PortalFixture.bearer(kenya)) {
                response in
                #expect(response.status == .internalServerError)
                #expect(!response.text.contains("/"), "\(response.text)")
                #expect(!response.text.contains("sqlite"))
            }
            try await client.execute(uri: "/no-such-page", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text == "404 Not Found\n")
            }
        }
    }

    /// The pre-session cookie and the forms' CSRF field a browser would have after opening `/sign-in`.
    static func csrf(_ client: any TestClientProtocol) async throws -> (cookie: String, field: String) {
        try await client.execute(uri: "/sign-in", method: .get) { response in
            let cookie = response.headers[.setCookie] ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            let value = cookie.firstMatch(of: /idac_csrf=([A-Za-z0-9_-]+)/).map { String($0.1) } ?? ""
            let field = Self.field(in: response.text)
            #expect(value.count == 43 && field.count == 43)
            #expect(field != value, "the field is bound to the cookie, not a copy of it")
            return (value, field)
        }
    }

    /// The CSRF field of a page's forms.
    static func field(in html: String) -> String {
        html.firstMatch(of: /name="csrf" value="([A-Za-z0-9_-]+)"/).map { String($0.1) } ?? ""
    }

    /// The CSRF field of the pages a browser with `cookies` (a session) is shown.
    static func sessionField(_ client: any TestClientProtocol, cookies: String) async throws -> String {
        var headers = HTTPFields()
        headers[.cookie] = cookies
        return try await client.execute(uri: "/", method: .get, headers: headers) { Self.field(in: $0.text) }
    }

    static func form(_ fields: [String: String], cookies: String) -> (HTTPFields, ByteBuffer) {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = cookies
        let body = fields.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }
        .joined(separator: "&")
        return (headers, ByteBuffer(string: body))
    }

    @Test func signInNeedsTheCSRFTokenAndGivesAStrictSessionCookie() async throws {
        let fixture = try PortalFixture()
        let kenya = fixture.kenya
        try await fixture.withClient { client in
            let csrf = try await Self.csrf(client)
            // Without the field, or without the cookie (a cross-site form): refused.
            for (fields, cookies) in [
                (["token": kenya], "idac_csrf=\(csrf.cookie)"), (["token": kenya, "csrf": csrf.field], ""),
                // One character changed (to a character it was not: a token starting with "x" made this the token).
                (
                    ["token": kenya, "csrf": (csrf.field.first == "x" ? "y" : "x") + csrf.field.dropFirst()],
                    "idac_csrf=\(csrf.cookie)"
                ),
                // A cookie and a field set to the same value (an attacker's double submit): not the bound token.
                (["token": kenya, "csrf": csrf.cookie], "idac_csrf=\(csrf.cookie)"),
            ] {
                let (headers, body) = Self.form(fields, cookies: cookies)
                try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.headers[.setCookie] == nil)
                }
            }
            let (headers, body) = Self.form(["token": kenya, "csrf": csrf.field], cookies: "idac_csrf=\(csrf.cookie)")
            let session = try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: body) {
                response in
                #expect(response.status == .seeOther)
                let cookie = response.headers[.setCookie] ?? ""
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
                return cookie.firstMatch(of: /idac_session=([A-Za-z0-9_-]+)/).map { String($0.1) } ?? ""
            }
            var signedIn = HTTPFields()
            signedIn[.cookie] = "idac_session=\(session); idac_csrf=\(csrf.cookie)"
            try await client.execute(uri: "/transmissions", method: .get, headers: signedIn) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Kenya National Bureau of Statistics"))
            }
            // The Secretariat's pages are not an office's.
            try await client.execute(uri: "/status", method: .get, headers: signedIn) { response in
                #expect(response.status == .forbidden)
            }
            // A submission without the CSRF field is refused, and stores nothing.
            let upload = PortalFixture.multipart(file: try PortalFixture.sample("SampleData/kenya-2024-quarterly.csv"))
            var uploadHeaders = upload.headers
            uploadHeaders[.cookie] = "idac_session=\(session)"
            try await client.execute(uri: "/submit", method: .post, headers: uploadHeaders, body: upload.body) {
                response in
                #expect(response.status == .forbidden)
            }
            // The API takes Bearer tokens only: the session cookie alone (what a cross-site request carries) is 401.
            try await client.execute(
                uri: "/api/transmissions", method: .post, headers: uploadHeaders, body: upload.body
            ) { response in
                #expect(response.status == .unauthorized)
            }
            // Signed in, the forms' token is the session's: the pre-session one no longer does.
            let cookies = "idac_session=\(session); idac_csrf=\(csrf.cookie)"
            let (staleHeaders, staleBody) = Self.form(["csrf": csrf.field], cookies: cookies)
            try await client.execute(uri: "/sign-out", method: .post, headers: staleHeaders, body: staleBody) {
                #expect($0.status == .forbidden)
            }
            // Sign out: the session no longer opens pages.
            let sessionField = try await Self.sessionField(client, cookies: cookies)
            #expect(sessionField.count == 43 && sessionField != csrf.field)
            let (outHeaders, outBody) = Self.form(["csrf": sessionField], cookies: cookies)
            try await client.execute(uri: "/sign-out", method: .post, headers: outHeaders, body: outBody) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/transmissions", method: .get, headers: signedIn) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/sign-in")
            }
        }
        #expect(try fixture.repository.transmissions().isEmpty)
    }

    /// A CSRF token is its session's: one taken from another session (an attacker's own, with its
    /// pre-session cookie planted beside the victim's session) is refused, and stores nothing.
    @Test func aTokenFromAnotherSessionIsRefused() async throws {
        let fixture = try PortalFixture()
        let kenya = fixture.kenya
        try await fixture.withClient { client in
            let attacker = try await PortalPagesTests.signIn(client, token: kenya)
            let attackerField = try await Self.sessionField(client, cookies: attacker)
            let victim = try await PortalPagesTests.signIn(client, token: kenya)
            let victimSession = victim.firstMatch(of: /idac_session=([A-Za-z0-9_-]+)/).map { String($0.1) } ?? ""
            let attackerCookie = attacker.firstMatch(of: /idac_csrf=([A-Za-z0-9_-]+)/).map { String($0.1) } ?? ""
            let planted = "idac_session=\(victimSession); idac_csrf=\(attackerCookie)"
            let upload = PortalFixture.multipart(
                file: try PortalFixture.sample("SampleData/kenya-2024-quarterly.csv"), fields: ["csrf": attackerField])
            var headers = upload.headers
            headers[.cookie] = planted
            try await client.execute(uri: "/submit", method: .post, headers: headers, body: upload.body) {
                #expect($0.status == .forbidden)
            }
            let (outHeaders, outBody) = Self.form(["csrf": attackerField], cookies: planted)
            try await client.execute(uri: "/sign-out", method: .post, headers: outHeaders, body: outBody) {
                #expect($0.status == .forbidden)
            }
            // The victim's own page gives the token that works.
            let victimField = try await Self.sessionField(client, cookies: planted)
            #expect(victimField != attackerField)
            let (ownHeaders, ownBody) = Self.form(["csrf": victimField], cookies: planted)
            try await client.execute(uri: "/sign-out", method: .post, headers: ownHeaders, body: ownBody) {
                #expect($0.status == .seeOther)
            }
        }
        #expect(try fixture.repository.transmissions().isEmpty)
    }

    @Test func secureCookiesBehindTLS() async throws {
        var fixture = try PortalFixture()
        fixture.portal.secureCookies = true
        try await fixture.withClient { client in
            try await client.execute(uri: "/sign-in", method: .get) { response in
                #expect(response.headers[.setCookie]?.contains("Secure") == true)
            }
        }
    }

    @Test func failedSignInsAreLimitedPerAddress() async throws {
        var fixture = try PortalFixture()
        fixture.portal.signInAttempts = 3
        let kenya = fixture.kenya
        try await fixture.withClient { client in
            let csrf = try await Self.csrf(client)
            for attempt in 1...4 {
                let (headers, body) = Self.form(
                    ["token": "idac_wrong\(attempt)", "csrf": csrf.field], cookies: "idac_csrf=\(csrf.cookie)")
                try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == (attempt <= 3 ? .unauthorized : .tooManyRequests), "\(attempt)")
                }
            }
            // Even the right token waits its turn.
            let (headers, body) = Self.form(["token": kenya, "csrf": csrf.field], cookies: "idac_csrf=\(csrf.cookie)")
            try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .tooManyRequests)
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
            }
        }
    }

    @Test func tokensAreNeverLogged() async throws {
        let fixture = try PortalFixture()
        let lines = LogLines()
        var logger = Logger(label: "idac.portal.test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .info
        let kenya = fixture.kenya
        try await fixture.withClient(logger: logger) { client in
            try await client.execute(uri: "/api/transmissions", method: .get, headers: PortalFixture.bearer(kenya)) {
                #expect($0.status == .ok)
            }
            // A token put in a URL by mistake is redacted too.
            try await client.execute(uri: "/api/transmissions?token=\(kenya)", method: .get) {
                #expect($0.status == .unauthorized)
            }
            // Percent-encoded, as a client may send it: redacted all the same.
            let encoded = "%69dac%5F" + kenya.dropFirst(5)
            try await client.execute(uri: "/api/transmissions?key=\(encoded)", method: .get) {
                #expect($0.status == .unauthorized)
            }
        }
        let log = lines.text
        #expect(log.contains("GET /api/transmissions 200"))
        #expect(log.contains("token=idac_…"))
        #expect(!log.contains(String(kenya.dropFirst(5))))
    }

    @Test func headersAndFormsAreBounded() async throws {
        let fixture = try PortalFixture()
        try await fixture.withClient { client in
            let csrf = try await Self.csrf(client)
            let (headers, _) = Self.form([:], cookies: "idac_csrf=\(csrf.cookie)")
            let huge = ByteBuffer(string: "csrf=\(csrf.field)&token=" + String(repeating: "a", count: 20_000))
            try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: huge) { response in
                #expect(response.status == .contentTooLarge)
            }
            // Too many parts, and a part's headers past 8 KB.
            var parts = ""
            for index in 0..<40 { parts += "--b\r\nContent-Disposition: form-data; name=\"f\(index)\"\r\n\r\nx\r\n" }
            var multipart = HTTPFields()
            multipart[.contentType] = "multipart/form-data; boundary=b"
            try await client.execute(
                uri: "/api/validate", method: .post, headers: multipart, body: ByteBuffer(string: parts + "--b--\r\n")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("more than 32 parts"))
            }
            let longHeader =
                "--b\r\nContent-Disposition: form-data; name=\"file\"\r\nX: "
                + String(repeating: "y", count: 9000) + "\r\n\r\nx\r\n--b--\r\n"
            try await client.execute(
                uri: "/api/validate", method: .post, headers: multipart, body: ByteBuffer(string: longHeader)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("8 KB"))
            }
        }
        #expect(try fixture.leftUploads().isEmpty)
    }
}

final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}

struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        lines.append("\(message)")
    }
}
