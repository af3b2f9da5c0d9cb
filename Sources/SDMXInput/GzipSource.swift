import SDMXModel

/// The decompressed content of a gzip file (or of gzip read from a pipe), streamed.
public final class GzipSource: ByteSource {
    private let compressed: any ByteSource
    private let limits: DecompressionLimits
    /// See ``ByteSource``: the compressed source's name.
    public var name: String { compressed.name }

    /// Opens a gzip file; `name` replaces the path in messages.
    public convenience init(path: String, name: String? = nil, limits: DecompressionLimits = .default) throws {
        try self.init(source: ChunkedFileReader(path: path, name: name), limits: limits)
    }

    /// Expands `source`, within `limits`.
    public init(source: any ByteSource, limits: DecompressionLimits = .default) {
        compressed = source
        self.limits = limits
    }

    /// See ``ByteSource``: the expanded bytes, from the start; throws when the gzip data are damaged or break the
    /// limits.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let inflater = try Inflater(format: .gzip, name: name, limits: limits)
        try compressed.forEachChunk { chunk in try inflater.feed(chunk, body) }
        try inflater.finish()
    }
}
