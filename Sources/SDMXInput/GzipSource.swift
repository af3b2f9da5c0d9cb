import SDMXModel

/// The decompressed content of a gzip file (or of gzip read from a pipe), streamed.
public final class GzipSource: ByteSource {
    private let compressed: any ByteSource
    private let limits: DecompressionLimits
    public var name: String { compressed.name }

    public convenience init(path: String, name: String? = nil, limits: DecompressionLimits = .default) throws {
        try self.init(source: ChunkedFileReader(path: path, name: name), limits: limits)
    }

    public init(source: any ByteSource, limits: DecompressionLimits = .default) {
        compressed = source
        self.limits = limits
    }

    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let inflater = try Inflater(format: .gzip, name: name, limits: limits)
        try compressed.forEachChunk { chunk in try inflater.feed(chunk, body) }
        try inflater.finish()
    }
}
