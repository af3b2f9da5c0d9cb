import NIOCore

/// Closes a connection whose client has stopped reading an answer for `patience`. Backpressure keeps such
/// a client from making the answer pile up in memory, but it would hold its answer slot (and its read of
/// the repository) for as long as it liked: a few such clients would shut off every data answer. Closing
/// the connection makes the pending write fail, so the answer's writing thread stops and its repository
/// connection goes back to the pool.
final class StalledClientHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any

    private let patience: TimeAmount
    private var deadline: Scheduled<Void>?

    init(patience: TimeAmount) {
        self.patience = patience
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            deadline?.cancel()
            deadline = nil
        } else if deadline == nil {
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: patience) {
                channel.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }
}
