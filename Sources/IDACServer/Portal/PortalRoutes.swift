import AllianceRepository
import Foundation
import Hummingbird
import IDACPipeline
import IDACSubmission
import SDMXModel

/// The portal's pages: `/`, `/validate`, `/sign-in`, `/sign-out`, `/submit`, `/transmissions`, and the
/// Secretariat's `/status` and `/gaps`. Forms carry a CSRF token bound to the browser's session, or before
/// sign-in to its `idac_csrf` cookie (``CSRFTokens``; cookies are `SameSite=Strict`, so a cross-site form
/// sends neither): a POST without the right one is refused (403).
enum PortalRoutes {
    static let sessionCookie = "idac_session"
    static let csrfCookie = "idac_csrf"
    /// The largest URL-encoded form (the sign-in).
    static let maximumFormBytes = 8192

    static func add(to router: Router<PortalContext>, portal: Portal) {
        router.get("/") { request, _ in await portal.pages(request) { csrf, account in home(portal, csrf, account) } }
        router.get("/validate") { request, _ in
            await portal.pages(request) { csrf, account in
                PortalPages.page("Check a file", nav(account) + validateForm(portal, csrf))
            }
        }
        router.post("/validate") { request, context in await portal.pageValidate(request, context) }
        router.get("/sign-in") { request, _ in
            await portal.pages(request) { csrf, account in PortalPages.page("Sign in", nav(account) + signInForm(csrf))
            }
        }
        router.post("/sign-in") { request, context in await portal.signIn(request, address: context.clientAddress) }
        router.post("/sign-out") { request, _ in await portal.signOut(request) }
        router.get("/submit") { request, _ in
            await portal.pages(request, signedIn: true) { csrf, account in
                PortalPages.page("Send data", nav(account) + submitForm(csrf, account))
            }
        }
        router.post("/submit") { request, context in await portal.pageSubmit(request, context) }
        router.get("/transmissions") { request, _ in await portal.pageTransmissions(request) }
        router.get("/status") { request, _ in await portal.pageStatus(request) }
        router.get("/gaps") { request, _ in await portal.pageGaps(request) }
    }

    static func nav(_ account: AccountRecord?) -> String {
        var html = "<nav class=\"top\"><a href=\"/\">Home</a><a href=\"/validate\">Check a file</a>"
        if let account {
            html += "<a href=\"/submit\">Send data</a><a href=\"/transmissions\">Transmissions</a>"
            if account.role == .secretariat { html += "<a href=\"/status\">Status</a><a href=\"/gaps\">Gaps</a>" }
            html += " Signed in as <strong>\(PortalPages.escape(account.name))</strong>"
        } else {
            html += "<a href=\"/sign-in\">Sign in</a>"
        }
        return html + "</nav>\n"
    }

    static func csrfField(_ csrf: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(PortalPages.escape(csrf))\">"
    }

    static func signOutForm(_ csrf: String) -> String {
        "<form method=\"post\" action=\"/sign-out\">\(csrfField(csrf))<button type=\"submit\">Sign out</button></form>\n"
    }

    static func home(_ portal: Portal, _ csrf: String, _ account: AccountRecord?) -> Response {
        var body = nav(account)
        body += """
            <header><h1>International Data Alliance for Children on the Move</h1>
            <p class="lead">National offices check their data here and send it to the Alliance's Secretariat.</p></header>
            <h2>What the Alliance collects</h2>
            <ul>

            """
        for flow in portal.configuration.catalog.dataflows.values.sorted(by: { $0.info.name < $1.info.name }) {
            body +=
                "<li><strong>\(PortalPages.escape(flow.info.name))</strong> "
                + "<span class=\"code\">\(PortalPages.escape(flow.reference.description))</span></li>\n"
        }
        body += """
            </ul>
            <h2>How to send</h2>
            <ol>
            <li><a href="/validate">Check your file</a>: SDMX-ML, SDMX-CSV or your country's CSV, gzip or zip; no account needed.</li>
            <li><a href="/sign-in">Sign in</a> with the token the Secretariat gave your office.</li>
            <li><a href="/submit">Send the file</a>: it is stored if it has no errors and holds only your country's figures.</li>
            </ol>
            <p class="note">Programs can do the same through <code>/api/validate</code> and <code>/api/transmissions</code>.</p>

            """
        if account != nil { body += signOutForm(csrf) }
        return PortalPages.page("Home", body)
    }

    static func dataflowOptions(_ portal: Portal) -> String {
        var html = "<option value=\"\">the one the file names</option>"
        for flow in portal.configuration.catalog.dataflows.values.sorted(by: { $0.info.name < $1.info.name }) {
            html +=
                "<option value=\"\(PortalPages.escape(flow.reference.description))\">"
                + "\(PortalPages.escape(flow.info.name))</option>"
        }
        return html
    }

    static func validateForm(_ portal: Portal, _ csrf: String) -> String {
        """
        <h1>Check a file</h1>
        <p class="lead">The file is checked against the Alliance's structures and answered with the report; nothing is stored.</p>
        <form method="post" action="/validate" enctype="multipart/form-data">
        \(csrfField(csrf))
        <input type="hidden" name="format" value="html">
        <label for="file">Data file</label><input type="file" id="file" name="file" required>
        <label for="dataflow">Dataflow</label><select id="dataflow" name="dataflow">\(dataflowOptions(portal))</select>
        <button type="submit" id="check">Check</button>
        </form>

        """
    }

    static func signInForm(_ csrf: String) -> String {
        """
        <h1>Sign in</h1>
        <form method="post" action="/sign-in">
        \(csrfField(csrf))
        <label for="token">Your office's token</label><input type="password" id="token" name="token" autocomplete="off" required>
        <button type="submit" id="sign-in">Sign in</button>
        </form>

        """
    }

    static func submitForm(_ csrf: String, _ account: AccountRecord?) -> String {
        let country = account.map { PortalPages.escape($0.country) } ?? ""
        return """
            <h1>Send data</h1>
            <p class="lead">The file is checked as the Alliance stores it: it is stored only if it has no errors and every observation is for \(country).</p>
            <form method="post" action="/submit" enctype="multipart/form-data">
            \(csrfField(csrf))
            <label for="file">Data file</label><input type="file" id="file" name="file" required>
            <button type="submit" id="send">Send</button>
            </form>
            \(signOutForm(csrf))
            """
    }
}
