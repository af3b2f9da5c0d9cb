import AllianceRepository
import Foundation
import Hummingbird
import IDACPipeline
import IDACSubmission
import SDMXModel

/// The portal's pages: sessions, CSRF tokens, and the forms' answers.
extension Portal {
    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.portal.secureCookies,
            httpOnly: true, sameSite: .strict)
    }

    /// What a request's forms are bound to: its live session, else its pre-session cookie (none without either).
    func csrfBinding(of request: Request) -> CSRFTokens.Binding? {
        if let session = request.cookies[PortalRoutes.sessionCookie]?.value,
            sessions.accountID(session: session) != nil
        {
            return .session(session)
        }
        if let browser = request.cookies[PortalRoutes.csrfCookie]?.value, browser.utf8.count == 43 {
            return .browser(browser)
        }
        return nil
    }

    /// The CSRF token of a page's forms, and a new pre-session cookie to set when the browser has none.
    func csrf(of request: Request) -> (token: String, newCookie: String?) {
        if let binding = csrfBinding(of: request) { return (csrfTokens.token(for: binding), nil) }
        let browser = RandomToken.make()
        return (csrfTokens.token(for: .browser(browser)), browser)
    }

    /// Whether a form's `csrf` field is the token of the request's session (or pre-session cookie).
    func csrfIsValid(_ request: Request, field: String?) -> Bool {
        guard let field, let binding = csrfBinding(of: request) else { return false }
        return csrfTokens.isValid(field, for: binding)
    }

    static let csrfRefusal = PortalError(
        .forbidden, "this form was not sent from this site's page (its security token is missing): open the page again")

    /// A GET page: with the browser's CSRF token (set when new) and its account; `signedIn` pages send
    /// anyone else to the sign-in page.
    func pages(
        _ request: Request, signedIn: Bool = false, _ body: (String, AccountRecord?) async throws -> Response
    ) async -> Response {
        await answering(json: false) {
            let (token, newCookie) = csrf(of: request)
            let account = try await account(of: request)
            if signedIn, account == nil { return Self.redirect("/sign-in") }
            var response = try await body(token, account)
            if let newCookie { response.setCookie(cookie(PortalRoutes.csrfCookie, newCookie)) }
            return response
        }
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// The fields of a URL-encoded form of at most 8 KB.
    func form(_ request: Request) async throws -> [String: String] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > PortalRoutes.maximumFormBytes {
            throw PortalError(.contentTooLarge, "the form is too large")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: PortalRoutes.maximumFormBytes)
        } catch {
            throw PortalError(.contentTooLarge, "the form is too large")
        }
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&").prefix(32) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let key = parts.first else { continue }
            fields[decode(key)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// `POST /validate`: the HTML report of the file.
    func pageValidate(_ request: Request, _ context: PortalContext) async -> Response {
        await answering(json: false) {
            try await withUpload(request, context) { upload in
                guard csrfIsValid(request, field: upload.fields["csrf"]) else { throw Self.csrfRefusal }
                var fields = upload.fields
                fields["format"] = "html"
                let (reports, _) = try await validate(
                    Upload(
                        file: upload.file, fileName: upload.fileName, fields: fields, cancellation: upload.cancellation),
                    query: [:])
                return Self.response(.ok, HTMLReportRenderer.render(reports), type: "text/html; charset=utf-8")
            }
        }
    }

    /// `POST /sign-in`: a token for a session cookie; failures counted per address.
    func signIn(_ request: Request, address: String) async -> Response {
        await answering(json: false) {
            if let wait = signIns.begin(for: address) {
                throw PortalError(.tooManyRequests, "too many failed sign-ins: wait a few minutes", retryAfter: wait)
            }
            let fields = try await form(request)
            guard csrfIsValid(request, field: fields["csrf"]) else { throw Self.csrfRefusal }
            let token = (fields["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let account = try await offload({ try AccountToken.account(for: token, in: try repository()) })
            else {
                throw PortalError(.unauthorized, "this token is not valid (or its account was revoked)")
            }
            signIns.succeeded(for: address)
            var response = Self.redirect("/transmissions")
            response.setCookie(cookie(PortalRoutes.sessionCookie, sessions.open(accountID: account.id)))
            return response
        }
    }

    /// `POST /sign-out`.
    func signOut(_ request: Request) async -> Response {
        await answering(json: false) {
            let fields = try await form(request)
            guard csrfIsValid(request, field: fields["csrf"]) else { throw Self.csrfRefusal }
            if let session = request.cookies[PortalRoutes.sessionCookie]?.value { sessions.close(session) }
            var response = Self.redirect("/")
            response.setCookie(cookie(PortalRoutes.sessionCookie, "", maxAge: 0))
            return response
        }
    }

    /// The signed-in account of a page request; refused (401) without one.
    func pageAccount(_ request: Request) async throws -> AccountRecord {
        guard request.cookies[PortalRoutes.sessionCookie] != nil, let account = try await account(of: request) else {
            throw PortalError(.unauthorized, "sign in first")
        }
        return account
    }

    /// `POST /submit`: the verdict and the report.
    func pageSubmit(_ request: Request, _ context: PortalContext) async -> Response {
        await answering(json: false) {
            let account = try await pageAccount(request)
            return try await withUpload(request, context) { upload in
                guard csrfIsValid(request, field: upload.fields["csrf"]) else { throw Self.csrfRefusal }
                let submissions = try await submit(upload, account: account)
                var body = PortalRoutes.nav(account) + "<h1>Sending</h1>\n"
                var reports: [ValidationReport] = []
                var refused = false
                for submission in submissions {
                    let name = PortalPages.escape(submission.name)
                    switch submission.outcome {
                    case .accepted(let record, let report, _, _, _):
                        body +=
                            "<p class=\"verdict ok\" id=\"verdict\">Accepted: \(name) is stored as transmission "
                            + "\(record.id ?? 0) (\(report.observations) observations).</p>\n"
                    case .alreadyIngested(let record):
                        body +=
                            "<p class=\"verdict ok\" id=\"verdict\">Already received: \(name) is transmission "
                            + "\(record.id ?? 0) of \(PortalPages.escape(record.received)); nothing changed.</p>\n"
                    case .rejected(let report):
                        refused = true
                        reports.append(report)
                        body +=
                            "<p class=\"verdict bad\" id=\"verdict\">Refused: \(name) has \(report.errors) "
                            + "problem\(report.errors == 1 ? "" : "s") to fix; nothing was stored.</p>\n"
                    }
                }
                body += HTMLReportRenderer.sections(reports)
                body +=
                    "<p><a href=\"/transmissions\">Your transmissions</a> · <a href=\"/submit\">Send another</a></p>\n"
                return PortalPages.page("Sending", body, status: refused ? .unprocessableContent : .ok)
            }
        }
    }

    /// `GET /transmissions`.
    func pageTransmissions(_ request: Request) async -> Response {
        await pages(request, signedIn: true) { csrf, account in
            guard let account else { return Self.redirect("/sign-in") }
            let records = try await transmissions(for: account)
            let accounts = try await offload { try repository().accounts() }
            let names = Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var body = PortalRoutes.nav(account)
            body += "<h1>Transmissions</h1>\n"
            body += account.role == .secretariat ? "<p class=\"lead\">Every office's.</p>\n" : ""
            body +=
                "<table id=\"transmissions\"><tr><th>#</th><th>file</th><th>received</th><th>dataflow</th>"
                + "<th>observations</th><th>sent by</th><th>status</th></tr>\n"
            for record in records {
                let sender = record.accountID.flatMap { names[$0] }
                let flow = record.dataflow.map { dataflowName($0) } ?? ""
                body +=
                    "<tr><td>\(record.id ?? 0)</td><td>\(PortalPages.escape(record.fileName))</td>"
                    + "<td>\(PortalPages.escape(record.received))</td><td>\(PortalPages.escape(flow))</td>"
                    + "<td class=\"num\">\(record.observationCount)</td>"
                    + "<td>\(PortalPages.escape(sender?.name ?? "command line"))</td>"
                    + "<td>\(PortalPages.escape(record.status))</td></tr>\n"
            }
            body += "</table>\n" + (records.isEmpty ? "<p class=\"note\">None yet.</p>\n" : "")
            body += PortalRoutes.signOutForm(csrf)
            return PortalPages.page("Transmissions", body)
        }
    }

    /// A dataflow's name from the structures, with its reference.
    func dataflowName(_ reference: String) -> String {
        guard let parsed = ArtefactReference(parsing: reference, kind: .dataflow),
            let flow = configuration.catalog.dataflow(parsed)
        else { return reference }
        return "\(flow.info.name) (\(flow.reference.id))"
    }

    /// A country's name from the Alliance's area code list, with its code.
    func areaName(_ code: String) -> String {
        for list in configuration.catalog.codelists.values where list.reference.id.contains("AREA") {
            if let found = list.codes.first(where: { $0.id == code }) { return "\(found.name) (\(code))" }
        }
        return code
    }

    func secretariat(_ request: Request) async throws -> AccountRecord {
        let account = try await pageAccount(request)
        guard account.role == .secretariat else { throw PortalError(.forbidden, "this page is the Secretariat's") }
        return account
    }

    /// `GET /status?period=`: who has reported what.
    func pageStatus(_ request: Request) async -> Response {
        await answering(json: false) {
            let account = try await secretariat(request)
            let period = Self.query(request)["period"].flatMap { $0.isEmpty ? nil : String($0.prefix(40)) }
            let rows = try await offload { try repository().status(period: period) }
            var body = PortalRoutes.nav(account) + "<h1>Who has reported</h1>\n"
            body +=
                "<form method=\"get\" action=\"/status\"><label for=\"period\">Period</label>"
                + "<input type=\"text\" id=\"period\" name=\"period\" value=\"\(PortalPages.escape(period ?? ""))\">"
                + "<button type=\"submit\">Show</button></form>\n"
            body +=
                "<table id=\"status\"><tr><th>country</th><th>dataflow</th><th>periods</th><th>last received</th>"
                + (period == nil ? "" : "<th>\(PortalPages.escape(period ?? ""))</th>") + "</tr>\n"
            for row in rows {
                body +=
                    "<tr><td>\(PortalPages.escape(areaName(row.refArea)))</td>"
                    + "<td>\(PortalPages.escape(dataflowName(row.dataflow)))</td>"
                    + "<td>\(PortalPages.escape(row.firstPeriod)) – \(PortalPages.escape(row.lastPeriod))</td>"
                    + "<td>\(PortalPages.escape(row.lastReceived))</td>"
                    + (row.reportedForPeriod.map { "<td>\($0 ? "reported" : "not reported")</td>" } ?? "") + "</tr>\n"
            }
            body += "</table>\n"
            return PortalPages.page("Status", body)
        }
    }

    /// `GET /gaps?dataflow=&period=`: the data-gap map.
    func pageGaps(_ request: Request) async -> Response {
        await answering(json: false) {
            _ = try await secretariat(request)
            let query = Self.query(request)
            let flowText = query["dataflow"] ?? "IDAC:DF_CHILD_MIGRATION(1.0)"
            guard let reference = ArtefactReference(parsing: flowText, kind: .dataflow) else {
                throw PortalError(.badRequest, "dataflow takes AGENCY:ID(VERSION)")
            }
            let lastYear = String(Calendar(identifier: .gregorian).component(.year, from: Date()) - 1)
            let period = query["period"].flatMap { $0.isEmpty ? nil : $0 } ?? lastYear
            guard TimePeriod(period) != nil else { throw PortalError(.badRequest, "period must be an SDMX period") }
            let catalog = configuration.catalog
            let html: String
            do {
                html = try await offload {
                    GapReportRenderer.html(
                        try GapAnalysis(repository: try repository(), catalog: catalog)
                            .analyse(dataflow: reference, period: period, countries: .reporting))
                }
            } catch let error as SDMXError where error.code != .unreadableFile {
                // What the gap map refuses (a weekly period, an unknown dataflow) is the request's fault.
                throw PortalError(.badRequest, error.message)
            }
            return Self.response(.ok, html, type: "text/html; charset=utf-8")
        }
    }
}
