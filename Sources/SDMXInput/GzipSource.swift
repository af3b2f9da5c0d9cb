import SDMXModel

/// The decompressed content of a gzip file, streamed.
public final class GzipSource: ByteSource {
    private let file: ChunkedFileReader
    private let limits: DecompressionLimits
    public var name: String { file.path }

    public init(path: String, limits: DecompressionLimits = .default) throws {
        file = try ChunkedFileReader(path: path)
        self.limits = limits
    }

    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let inflater = try Inflater(format: .gzip, name: name, limits: limits)
        try file.forEachChunk { chunk in try inflater.feed(chunk, body) }
        try inflater.finish()
    }
}
