/// Bytes held in memory as a source: embedded files, tests, fuzzing.
public final class MemorySource: ByteSource {
    /// See ``ByteSource``: the name given at creation.
    public let name: String
    private let bytes: [UInt8]
    private let chunkSize: Int

    /// Wraps `bytes`, handed on in chunks of `chunkSize` (at least 1), so that tests can cut input anywhere.
    public init(bytes: [UInt8], name: String, chunkSize: Int = 256 * 1024) {
        self.bytes = bytes
        self.name = name
        self.chunkSize = max(1, chunkSize)
    }

    /// See ``ByteSource``: the bytes, from the start, one chunk at a time.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { all in
            var offset = 0
            while offset < all.count {
                let end = min(offset + chunkSize, all.count)
                try body(UnsafeBufferPointer(rebasing: all[offset..<end]))
                offset = end
            }
        }
    }
}
