import Hummingbird
import NIOCore

/// The request context of `idac serve`: Hummingbird's, plus the client's address, which the portal's
/// sign-in limit counts failures by.
public struct PortalContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's address as text, for limits counted per client ("unknown" when there is none).
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
