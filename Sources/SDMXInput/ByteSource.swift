import SDMXModel

/// A stream of bytes read in chunks into a reused buffer: a file, a gzip stream, a zip entry.
/// Readers take a source, so every format reads compressed input the same way, in constant memory.
public protocol ByteSource: AnyObject {
    /// How findings and errors name the input: `file.csv`, `archive.zip!entry.csv`.
    var name: String { get }
    /// Calls `body` with each chunk until the end; a chunk is valid only during the call.
    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws
}

extension ByteSource {
    /// The first `count` bytes (fewer when the input is shorter), for format detection.
    public func prefix(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        do {
            try forEachChunk { chunk in
                bytes.append(contentsOf: chunk.prefix(count - bytes.count))
                if bytes.count >= count { throw PrefixComplete() }
            }
        } catch is PrefixComplete {}
        return bytes
    }
}

private struct PrefixComplete: Error {}
