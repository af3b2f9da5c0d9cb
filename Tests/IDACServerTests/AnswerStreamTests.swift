import Foundation
import NIOCore
import Synchronization
import Testing

@testable import IDACServer

/// The hand-over between the writing thread and the response when a client leaves mid-answer.
struct AnswerStreamTests {
    /// A client that goes away with chunks still unsent leaves the credits short; freeing the stream then
    /// must not bring the process down (libdispatch traps on a semaphore freed below its initial value:
    /// the whole service died with SIGILL when stalled clients hung up).
    /// The writing thread and the response side exchange chunks only through the stream: every chunk arrives,
    /// in order, and the writer never runs more than its credits ahead (CI runs this under ThreadSanitizer).
    @Test func chunksCrossFromTheWritingThreadInOrderWithinTheirCredits() async throws {
        let stream = AnswerStream(chunksInFlight: 3)
        final class Counter: Sendable { let value = Atomic<Int>(0) }
        let sent = Counter()
        let writer = Thread {
            for index in 0..<2_000 {
                try? stream.send(ByteBuffer(string: "\(index),"))
                sent.value.add(1, ordering: .relaxed)
            }
            stream.finish(ByteBuffer(string: "end"), count: 2_000)
        }
        writer.start()
        var received = 0
        var mostAhead = 0
        var text = ""
        for await event in stream.events {
            switch event {
            case .chunk(let chunk):
                text += String(buffer: chunk)
                received += 1
                mostAhead = max(mostAhead, sent.value.load(ordering: .relaxed) - received)
                stream.chunkWritten()
            case .end(let rest, let count):
                text += String(buffer: rest)
                #expect(count == 2_000)
            case .failure(let error):
                Issue.record("the writer failed: \(error)")
            }
        }
        #expect(received == 2_000)
        #expect(text == (0..<2_000).map { "\($0)," }.joined() + "end")
        #expect(mostAhead <= 3, "the writer ran \(mostAhead) chunks ahead of the response")
    }

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
