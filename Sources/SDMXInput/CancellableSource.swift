/// A source that checks a ``ReadCancellation`` before each chunk it hands on: every input the pipeline
/// reads (a file, a gzip stream's expansion, a zip entry, a workbook's part) is opened through one, so a
/// small compressed upload that expands for minutes stops at its deadline.
public final class CancellableSource: ByteSource {
    private let base: any ByteSource
    private let cancellation: ReadCancellation
    /// See ``ByteSource``: the wrapped source's name.
    public var name: String { base.name }

    /// Wraps `base` so that its reads stop, throwing ``ReadCancelled``, once `cancellation` says so.
    public init(_ base: any ByteSource, cancellation: ReadCancellation) {
        self.base = base
        self.cancellation = cancellation
    }

    /// `base`, checked by `cancellation` when there is one.
    public static func wrap(_ base: any ByteSource, _ cancellation: ReadCancellation?) -> any ByteSource {
        guard let cancellation else { return base }
        return CancellableSource(base, cancellation: cancellation)
    }

    /// See ``ByteSource``: the wrapped source's chunks, the cancellation checked before the first and before each.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try cancellation.check()
        try base.forEachChunk { chunk in
            try cancellation.check()
            try body(chunk)
        }
    }
}
