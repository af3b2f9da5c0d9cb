/// Bytes held in memory as a source: embedded files, tests, fuzzing.
public final class MemorySource: ByteSource {
    public let name: String
    private let bytes: [UInt8]
    private let chunkSize: Int

    public init(bytes: [UInt8], name: String, chunkSize: Int = 256 * 1024) {
        self.bytes = bytes
        self.name = name
        self.chunkSize = max(1, chunkSize)
    }

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
