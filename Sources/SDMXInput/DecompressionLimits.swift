/// Limits that keep a compressed input from expanding without bound (an "archive bomb").
public struct DecompressionLimits: Sendable {
    /// Most bytes one compressed stream, or all of a zip archive's entries together, may expand to.
    public var maxExpandedBytes: Int64
    /// Largest expansion ratio accepted once the output passes `ratioCheckAfterBytes` (for a zip
    /// archive: per entry, and for all entries together against the archive's size).
    public var maxRatio: Int64
    public var ratioCheckAfterBytes: Int64
    /// Most entries read from one zip archive.
    public var maxEntries: Int

    public init(
        maxExpandedBytes: Int64 = 16 << 30, maxRatio: Int64 = 1000, ratioCheckAfterBytes: Int64 = 64 << 20,
        maxEntries: Int = 10_000
    ) {
        self.maxExpandedBytes = maxExpandedBytes
        self.maxRatio = maxRatio
        self.ratioCheckAfterBytes = ratioCheckAfterBytes
        self.maxEntries = maxEntries
    }

    public static let `default` = DecompressionLimits()
}
