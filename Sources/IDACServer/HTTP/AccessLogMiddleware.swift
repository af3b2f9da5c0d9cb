import Foundation
import Hummingbird
import Logging
import SDMXModel
import Synchronization

/// One log line per request, when its answer has been written: method, path and query, status, bytes
/// sent and milliseconds. The path is the client's and is escaped (``TerminalText``) like everything
/// from outside.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        let target = TerminalText.escaped(TokenRedaction.redact(String(request.uri.description.prefix(2000))))
        let method = request.method.rawValue
        let logger = self.logger
        do {
            var response = try await next(request, context)
            let status = response.status.code
            let counted = response.body
            response.body = ResponseBody { writer in
                let counter = ByteCounter()
                try await counted.write(ByteCountingBodyWriter(base: writer, counter: counter))
                logger.info(
                    "\(method) \(target) \(status) \(counter.bytes) bytes \(Self.milliseconds(since: started)) ms")
            }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            logger.info("\(method) \(target) \(status) 0 bytes \(Self.milliseconds(since: started)) ms")
            throw error
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// Counts the bytes a response body writes.
private final class ByteCounter: Sendable {
    private let count = Mutex<Int>(0)
    var bytes: Int { count.withLock { $0 } }
    func add(_ bytes: Int) { count.withLock { $0 += bytes } }
}

private struct ByteCountingBodyWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let counter: ByteCounter

    mutating func write(_ buffer: ByteBuffer) async throws {
        counter.add(buffer.readableBytes)
        try await base.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await base.finish(trailingHeaders)
    }
}
