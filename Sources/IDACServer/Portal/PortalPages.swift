import Hummingbird
import IDACPipeline
import IDACSubmission

/// The portal's pages: server-rendered HTML in the style of the HTML report, no script, every value
/// escaped.
enum PortalPages {
    static func escape(_ text: String) -> String {
        HTMLPage.escape(text)
    }

    static func page(_ title: String, _ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Portal.response(status, HTMLPage.document(title: title, body: body), type: "text/html; charset=utf-8")
    }

    static func errorPage(_ error: PortalError) -> Response {
        var response = page(
            "\(error.status.code) \(error.status.reasonPhrase)",
            "<h1>\(escape(error.status.reasonPhrase))</h1>\n<p class=\"verdict bad\">\(escape(error.message))</p>\n"
                + "<p><a href=\"/\">Back to the start</a></p>\n",
            status: error.status)
        if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
