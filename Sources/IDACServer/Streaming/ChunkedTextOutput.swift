import IDACPipeline
import IDACSubmission
import NIOCore

/// The writers' destination in the service: text gathered into chunks of about 64 KB that go to an
/// ``AnswerStream``. Nothing is sent before the first chunk fills, so an answer that turns out empty
/// or fails early can still be answered with its own status.
final class ChunkedTextOutput: TextOutput {
    private let stream: AnswerStream
    private var buffer: ByteBuffer
    private let chunkSize: Int
    /// Observations (or artefacts) written so far, counted by the caller.
    var count = 0
    /// The most observations the answer may hold; past it the answer is refused (413), never truncated.
    let limit: Int

    init(stream: AnswerStream, limit: Int, chunkSize: Int = 1 << 16) {
        self.stream = stream
        self.chunkSize = chunkSize
        self.limit = limit
        buffer = ByteBufferAllocator().buffer(capacity: chunkSize + 4096)
    }

    func write(_ text: String) throws {
        buffer.writeString(text)
        if buffer.readableBytes >= chunkSize {
            try stream.send(buffer)
            buffer = ByteBufferAllocator().buffer(capacity: chunkSize + 4096)
        }
    }

    func write(bytes: [UInt8]) throws {
        buffer.writeBytes(bytes)
        if buffer.readableBytes >= chunkSize {
            try stream.send(buffer)
            buffer = ByteBufferAllocator().buffer(capacity: chunkSize + 4096)
        }
    }

    /// Hands over what is left and the count.
    func finish() {
        stream.finish(buffer, count: count)
    }
}
