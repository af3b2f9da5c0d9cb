internal import CZlib
import NIOCore

/// gzip for answers to clients that accept it (`Accept-Encoding: gzip`): zlib's deflate over the chunks
/// as they stream, so compression never holds more than a chunk. The z_stream is zlib's (a C API): it
/// lives in this one object, which frees it in `deinit`.
final class GzipEncoder {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private var started = false

    init() throws {
        // 15 + 16: a gzip header and trailer around the deflate stream; level 5 balances speed and size.
        guard idac_deflateInit2(&stream, 5, 15 + 16) == Z_OK else { throw GzipFailure() }
        started = true
    }

    deinit {
        if started { deflateEnd(&stream) }
    }

    struct GzipFailure: Error {}

    /// The compressed form of `chunk` (possibly empty: zlib keeps some input until it has a block).
    func compress(_ chunk: ByteBuffer) throws -> ByteBuffer {
        try run(chunk, flush: Z_NO_FLUSH)
    }

    /// The last compressed bytes and the gzip trailer.
    func finish(_ chunk: ByteBuffer) throws -> ByteBuffer {
        try run(chunk, flush: Z_FINISH)
    }

    private func run(_ chunk: ByteBuffer, flush: Int32) throws -> ByteBuffer {
        var result = ByteBufferAllocator().buffer(capacity: chunk.readableBytes / 3 + 64)
        try chunk.withUnsafeReadableBytes { input in
            let bytes = input.bindMemory(to: UInt8.self)
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
            stream.avail_in = UInt32(bytes.count)
            while true {
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return deflate(&stream, flush)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw GzipFailure() }
                let made = output.count - Int(stream.avail_out)
                result.writeBytes(output[0..<made])
                if flush == Z_FINISH ? status == Z_STREAM_END : stream.avail_out != 0 { break }
            }
        }
        return result
    }
}
