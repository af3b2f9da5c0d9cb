import Hummingbird
import NIOCore

/// The request context of `idac serve`: Hummingbird's, plus the client's address, which the portal's
/// limits count by, and its connection, which tells a long check whether anyone still waits for it.
public struct PortalContext: RequestContext, RemoteAddressRequestContext {
    /// See ``RequestContext``: Hummingbird's own state for the request.
    public var coreContext: CoreRequestContextStorage
    /// See ``RemoteAddressRequestContext``: the client's address, nil when the connection does not know it.
    public let remoteAddress: SocketAddress?
    /// The client's connection, when it is a real one (a test's router has none that closes).
    private let channel: (any Channel)?

    /// See ``RequestContext``: made by Hummingbird for each request, from its connection.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel.isActive ? source.channel : nil
    }

    /// Whether the client is still there (an atomic read, cheap enough for every chunk a check reads); nil
    /// when that cannot be told (no ``ClientPresenceHandler`` on the connection).
    func isConnected() async -> (@Sendable () -> Bool)? {
        guard let channel, let presence = await ClientPresenceHandler.presence(of: channel) else { return nil }
        return { !presence.isGone }
    }

    /// The client's address as text, for limits counted per client ("unknown" when there is none).
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
