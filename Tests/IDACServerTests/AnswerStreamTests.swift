import Foundation
import NIOCore
import Testing

@testable import IDACServer

/// The hand-over between the writing thread and the response when a client leaves mid-answer.
struct AnswerStreamTests {
    /// A client that goes away with chunks still unsent leaves the credits short; freeing the stream then
    /// must not bring the process down (libdispatch traps on a semaphore freed below its initial value:
    /// the whole service died with SIGILL when stalled clients hung up).
    @Test func aStreamCancelledWithChunksUnsentIsFreedSafely() async throws {
        weak var freed: AnswerStream?
        var refused = false
        do {
            let stream = AnswerStream(chunksInFlight: 4)
            freed = stream
            for _ in 0..<4 { try stream.send(ByteBuffer(string: "unsent")) }
            // The writing thread blocks for a credit, as it does under a client that stopped reading.
            let blocked = Thread { _ = try? stream.send(ByteBuffer(string: "blocked")) }
            blocked.start()
            try await Task.sleep(for: .milliseconds(100))
            stream.cancel()
            try await Task.sleep(for: .milliseconds(100))
            do { try stream.send(ByteBuffer(string: "after")) } catch is AnswerStream.ClientGone { refused = true }
        }
        #expect(refused)
        #expect(freed == nil)
    }
}
