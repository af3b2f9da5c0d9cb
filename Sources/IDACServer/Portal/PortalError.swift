import Hummingbird

/// Why a portal request is refused: a status and a message for the client, which never holds a path,
/// a token or a stack trace.
struct PortalError: Error {
    var status: HTTPResponse.Status
    var message: String
    /// Seconds after which to try again (503, 429).
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    static func tooLarge(_ limit: Int) -> PortalError {
        PortalError(
            .contentTooLarge,
            "the upload is larger than this service takes (\(limit / 1_048_576) MB): compress it (gzip or zip), "
                + "or split it")
    }

    /// The error as a small JSON object (`{"error": "…"}`).
    var json: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"idac\"" }
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"error\": \(PortalJSON.string(message))}\n")))
    }
}
