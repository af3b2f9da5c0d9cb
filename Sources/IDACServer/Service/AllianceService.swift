import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// The Alliance's SDMX REST web service (`idac serve`): the repository's data and the structures over the
/// standard API, on Hummingbird. Stops gracefully on SIGTERM and SIGINT: answers being written finish
/// before the process exits.
public struct AllianceService: Sendable {
    /// What the service was started with.
    public let configuration: ServiceConfiguration
    /// Where the access log and the service's notices go.
    public let logger: Logger

    /// A service not yet listening: ``run()`` starts it.
    public init(configuration: ServiceConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The routes: `/health`, `/rest/…` and `/rest/v2/…`, and the submission portal (`/api/…` and its pages).
    public func router() throws -> Router<PortalContext> {
        // HEAD is answered wherever GET is, as GET without its body.
        let router = Router(context: PortalContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: SecurityHeadersMiddleware())
        // Reading only: cross-site scripts may read the REST API, never post (no credentials, no POST).
        router.add(middleware: CORSMiddleware(allowOrigin: .all, allowMethods: [.get, .head, .options]))
        let rest = RESTResponder(configuration: configuration, logger: logger)
        router.get("/rest/**") { request, _ in await rest.respond(to: request) }
        router.get("/health") { _, _ in "ok\n" }
        let portal = try Portal(configuration: configuration, logger: logger)
        router.post("/api/validate") { request, context in await portal.apiValidate(request, context) }
        router.post("/api/transmissions") { request, context in await portal.apiSubmit(request, context) }
        router.get("/api/transmissions") { request, _ in await portal.apiList(request) }
        router.get("/api/transmissions/{id}") { request, context in
            await portal.apiShow(request, id: context.parameters.get("id") ?? "")
        }
        PortalRoutes.add(to: router, portal: portal)
        // Added last, it wraps only the router's 404: a known path asked with another method is 405 with `Allow`.
        let routes = AllowedMethods(router.routes.map { ($0.path.description, $0.method) })
        router.add(middleware: MethodNotAllowedMiddleware<PortalContext>(routes: routes))
        return router
    }

    /// The HTTP/1 server over ``router()``, bound to the configured host and port, with the time limits on slow
    /// clients (30 s); ``run()`` runs it.
    public func application() throws -> some ApplicationProtocol {
        let logger = self.logger
        let host = configuration.host
        // A client gets 30 s to send its request and 30 s of not reading an answer before its connection
        // is closed (slow headers, or a stalled reader holding an answer slot and a repository read); a
        // portal check stops when its client goes (ClientPresenceHandler).
        let server = HTTPServerBuilder.http1(
            configuration: .init(
                additionalChannelHandlers: [StalledClientHandler(patience: .seconds(30)), ClientPresenceHandler()],
                idleTimeout: .seconds(30)))
        return Application(
            router: try router(),
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "idac"),
            // The port actually bound (`--port 0` picks a free one), for people and scripts starting the service.
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.notice("serving http://\(host):\(port)/rest/ (SDMX REST 1.5) and /rest/v2/ (2.x)")
            },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT. An upload folder the service made for itself is removed when it stops
    /// (``UploadFolder``); one it was given is left.
    public func run() async throws {
        try await application().runService()
    }
}
