internal import CZlib
import SDMXModel

/// zlib's inflate over a stream of compressed chunks, for gzip (with its header, concatenated
/// members and trailing zero padding, as `gzip -t` accepts) or raw deflate (zip entries),
/// enforcing ``DecompressionLimits``.
final class Inflater {
    enum Format { case gzip, rawDeflate }

    private var stream = z_stream()
    private let format: Format
    private(set) var name: String
    private let limits: DecompressionLimits
    private var output: [UInt8]
    private var consumed: Int64 = 0
    private var produced: Int64 = 0
    private(set) var finished = false
    /// Compressed bytes given after a raw deflate stream ended (a zip entry's data must end with it).
    private(set) var leftover: Int64 = 0
    /// Zero bytes seen after a gzip member: padding, which may only run to the end of the file.
    private var padding: Int64 = 0

    init(format: Format, name: String, limits: DecompressionLimits, chunkSize: Int = 256 * 1024) throws {
        self.format = format
        self.name = name
        self.limits = limits
        output = [UInt8](repeating: 0, count: max(chunkSize, 64))
        let status = idac_inflateInit2(&stream, format == .gzip ? 15 + 32 : -15)
        guard status == Z_OK else { throw SDMXError(.malformedInput, "\(name): zlib could not start (\(status))") }
    }

    deinit { inflateEnd(&stream) }

    /// Starts a new stream with the same buffers, so reading many small zip entries allocates nothing.
    func reset(name: String) {
        inflateReset(&stream)
        self.name = name
        consumed = 0
        produced = 0
        finished = false
        leftover = 0
        padding = 0
    }

    /// Inflates one compressed chunk, calling `body` with each piece of output.
    func feed(_ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard let base = input.baseAddress, input.count > 0 else { return }
        consumed += Int64(input.count)
        var offset = 0
        while offset < input.count {
            if finished {
                guard format == .gzip else {
                    leftover += Int64(input.count - offset)
                    return
                }
                // Zeros after a member are padding (tape blocks, some uploaders), read as `gzip -t` does.
                while offset < input.count, input[offset] == 0 {
                    offset += 1
                    padding += 1
                }
                if offset == input.count { return }
                guard padding == 0 else {
                    throw SDMXError(
                        .malformedInput,
                        "\(name): data follows the zero padding after the compressed "
                            + "stream; the file is damaged")
                }
                // Otherwise another member follows: a gzip file may hold several one after another.
                inflateReset(&stream)
                finished = false
            }
            stream.next_in = UnsafeMutablePointer(mutating: base + offset)
            stream.avail_in = UInt32(input.count - offset)
            repeat {
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let made = output.count - Int(stream.avail_out)
                if made > 0 {
                    produced += Int64(made)
                    try checkLimits()
                    try output.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<made])) }
                }
                if status == Z_STREAM_END {
                    finished = true
                    break
                }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw SDMXError(.malformedInput, "\(name): the compressed data is damaged (\(reason))")
                }
                if made == 0 && stream.avail_in == 0 { break }
            } while stream.avail_out == 0 || stream.avail_in > 0
            offset = input.count - Int(stream.avail_in)
            if stream.avail_in == 0 { break }
        }
    }

    /// Called at the end of the compressed input: it must have ended a stream.
    func finish() throws {
        guard finished || produced == 0 && consumed == 0 else {
            throw SDMXError(
                .malformedInput, "\(name): the compressed data stops before its end (the file is truncated)")
        }
    }

    private func checkLimits() throws {
        if produced > limits.maxExpandedBytes {
            throw SDMXError(
                .limitExceeded,
                "\(name) expands to more than \(limits.maxExpandedBytes >> 20) MB; "
                    + "it was refused as a possible archive bomb")
        }
        if produced > limits.ratioCheckAfterBytes, produced > limits.maxRatio * max(consumed, 1) {
            throw SDMXError(
                .limitExceeded,
                "\(name) expands more than \(limits.maxRatio) times; it was refused as a possible archive bomb")
        }
    }
}
