import Hummingbird

/// The methods each route answers, for the requests the router finds no route for: a known path asked
/// with another method is answered 405 with `Allow` (RFC 9110), not 404. Looked up only after the router
/// has found nothing, so answered requests never pay for it.
struct AllowedMethods: Sendable {
    /// A path's segments: `{name}` matches any one segment, `**` the rest of the path.
    private var routes: [(segments: [Substring], methods: [HTTPRequest.Method])] = []

    /// The table of a router's routes (`Router.routes`: each path with one method).
    init(_ routes: [(path: String, method: HTTPRequest.Method)]) {
        for route in routes { add(route.path, route.method) }
    }

    mutating func add(_ path: String, _ method: HTTPRequest.Method) {
        let segments = path.split(separator: "/")
        if let index = routes.firstIndex(where: { $0.segments == segments }) {
            if !routes[index].methods.contains(method) { routes[index].methods.append(method) }
        } else {
            routes.append((segments, [method]))
        }
    }

    /// The methods `path` is answered to (with HEAD wherever GET is), or nil for a path no route has.
    func allowed(_ path: String) -> [HTTPRequest.Method]? {
        let asked = path.split(separator: "/")
        var methods: [HTTPRequest.Method] = []
        for route in routes where Self.matches(route.segments, asked) {
            let more = route.methods.filter { !methods.contains($0) }
            methods += more
        }
        guard !methods.isEmpty else { return nil }
        if methods.contains(.get), !methods.contains(.head) { methods.append(.head) }
        return methods
    }

    private static func matches(_ pattern: [Substring], _ asked: [Substring]) -> Bool {
        for (index, segment) in pattern.enumerated() {
            if segment == "**" { return asked.count > index }
            guard index < asked.count else { return false }
            if segment.hasPrefix("{") && segment.hasSuffix("}") { continue }
            guard segment == asked[index] else { return false }
        }
        return pattern.count == asked.count
    }
}

/// Answers 405 with `Allow` in place of the router's 404 when the path is known and only the method is
/// wrong (OPTIONS is left to the CORS middleware before it).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allowed = routes.allowed(request.uri.path), !allowed.contains(request.method) else { throw error }
            var headers = HTTPFields()
            headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(
                status: .methodNotAllowed, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: "405 Method Not Allowed\n")))
        }
    }
}
