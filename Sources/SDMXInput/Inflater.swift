internal import CZlib
import SDMXModel

/// zlib's inflate over a stream of compressed chunks, for gzip (with its header, and concatenated
/// members) or raw deflate (zip entries), enforcing ``DecompressionLimits``.
final class Inflater {
    enum Format { case gzip, rawDeflate }

    private var stream = z_stream()
    private let format: Format
    private let name: String
    private let limits: DecompressionLimits
    private var output: [UInt8]
    private var consumed: Int64 = 0
    private var produced: Int64 = 0
    private var finished = false

    init(format: Format, name: String, limits: DecompressionLimits, chunkSize: Int = 256 * 1024) throws {
        self.format = format
        self.name = name
        self.limits = limits
        output = [UInt8](repeating: 0, count: chunkSize)
        let status = idac_inflateInit2(&stream, format == .gzip ? 15 + 32 : -15)
        guard status == Z_OK else { throw SDMXError(.malformedInput, "\(name): zlib could not start (\(status))") }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates one compressed chunk, calling `body` with each piece of output.
    func feed(_ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard let base = input.baseAddress, input.count > 0 else { return }
        consumed += Int64(input.count)
        var offset = 0
        while offset < input.count {
            if finished {
                // A gzip file may hold several members one after another.
                guard format == .gzip else { return }
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
            throw SDMXError(.malformedInput, "\(name): the compressed data stops before its end (the file is truncated)")
        }
    }

    private func checkLimits() throws {
        if produced > limits.maxExpandedBytes {
            throw SDMXError(.limitExceeded, "\(name) expands to more than \(limits.maxExpandedBytes >> 20) MB; "
                                + "it was refused as a possible archive bomb")
        }
        if produced > limits.ratioCheckAfterBytes, produced > limits.maxRatio * max(consumed, 1) {
            throw SDMXError(.limitExceeded, "\(name) expands more than \(limits.maxRatio) times; it was refused as a possible archive bomb")
        }
    }
}
