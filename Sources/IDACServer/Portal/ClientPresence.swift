import NIOCore
import Synchronization

/// Whether a connection's client is still there, for checks that run long after its request was read:
/// once it has closed its side (or the connection is gone) no one reads the answer, so the check stops
/// (``ReadCancellation``). A client that half-closes and still waits for its answer is told its check
/// was stopped.
final class ClientPresence: Sendable {
    private let gone = Atomic<Bool>(false)

    var isGone: Bool { gone.load(ordering: .relaxed) }

    func leave() {
        gone.store(true, ordering: .relaxed)
    }
}

/// Marks the connection's ``ClientPresence`` gone when the client closes its side or the connection ends.
final class ClientPresenceHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any

    let presence = ClientPresence()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { presence.leave() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        presence.leave()
        context.fireChannelInactive()
    }

    /// The presence of `channel`'s client, when its pipeline has the handler.
    static func presence(of channel: any Channel) async -> ClientPresence? {
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ClientPresenceHandler.self).presence
        }.get()
    }
}
