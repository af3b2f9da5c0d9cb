import Foundation
import SDMXInput
import TestSupport
import Testing

/// A read checks its cancellation once per chunk: stopped at its deadline, when cancelled, or when its
/// result is no longer wanted, and never otherwise.
@Suite struct CancellableSourceTests {
    /// A file of 32 chunks of 64 KB, read in those chunks.
    func source() throws -> ChunkedFileReader {
        let path = try TestPaths.temporaryDirectory() + "/data.csv"
        try Data(repeating: 0x41, count: 32 << 16).write(to: URL(fileURLWithPath: path))
        return try ChunkedFileReader(path: path, chunkSize: 1 << 16)
    }

    /// The chunks read before the read ended, and why it ended early (nil when it read them all).
    func read(_ source: any ByteSource, cancelling cancellation: ReadCancellation? = nil, after: Int = .max)
        -> (chunks: Int, reason: ReadCancellation.Reason?)
    {
        var chunks = 0
        do {
            try source.forEachChunk { _ in
                chunks += 1
                if chunks == after { cancellation?.cancel() }
            }
        } catch let stopped as ReadCancelled {
            return (chunks, stopped.reason)
        } catch {
            return (-1, nil)
        }
        return (chunks, nil)
    }

    @Test func aCancelledReadStopsAtItsNextChunk() throws {
        let cancellation = ReadCancellation()
        let result = read(
            CancellableSource(try source(), cancellation: cancellation), cancelling: cancellation, after: 3)
        #expect(result.chunks == 3)
        #expect(result.reason == .cancelled)
    }

    @Test func aReadPastItsDeadlineStopsBeforeItsFirstChunk() throws {
        let cancellation = ReadCancellation(deadline: ContinuousClock.now - .seconds(1))
        let result = read(CancellableSource(try source(), cancellation: cancellation))
        #expect(result.chunks == 0)
        #expect(result.reason == .deadline)
    }

    @Test func aReadNoLongerWantedStops() throws {
        let cancellation = ReadCancellation(deadline: ContinuousClock.now + .seconds(3600), stillWanted: { false })
        #expect(read(CancellableSource(try source(), cancellation: cancellation)).reason == .cancelled)
    }

    @Test func anUnhinderedReadReadsEverything() throws {
        let cancellation = ReadCancellation(deadline: ContinuousClock.now + .seconds(3600), stillWanted: { true })
        #expect(read(CancellableSource(try source(), cancellation: cancellation)).chunks == 32)
        #expect(read(CancellableSource.wrap(try source(), nil)).chunks == 32)
    }
}
