import HTTPTypes
import Hummingbird

/// Headers every answer carries: a Content-Security-Policy that allows no script at all (pages work
/// without it), no framing, no content sniffing and no referrer sent on.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            var response = try await next(request, context)
            Self.add(to: &response.headers)
            return response
        } catch {
            // Hummingbird's own errors (an unknown route): their answer gets the headers too, and never
            // says more than its status.
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            Self.add(to: &headers)
            return Response(
                status: status, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: "\(status.code) \(status.reasonPhrase)\n")))
        }
    }

    static func add(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = policy
        headers[.xContentTypeOptions] = "nosniff"
        if let name = SecurityHeaderNames.referrerPolicy { headers[name] = "no-referrer" }
        if let name = SecurityHeaderNames.frameOptions { headers[name] = "DENY" }
    }
}

/// Header names HTTPTypes does not define.
enum SecurityHeaderNames {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")
    static let frameOptions = HTTPField.Name("X-Frame-Options")
}
