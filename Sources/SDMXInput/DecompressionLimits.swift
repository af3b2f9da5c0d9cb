/// Limits that keep a compressed input from expanding without bound (an "archive bomb").
public struct DecompressionLimits: Sendable {
    /// Most bytes one compressed stream, or all of a zip archive's entries together, may expand to.
    public var maxExpandedBytes: Int64
    /// Largest expansion ratio accepted once the output passes `ratioCheckAfterBytes` (for a zip
    /// archive: per entry, and for all entries together against the archive's size).
    public var maxRatio: Int64
    /// How many expanded bytes pass before the ratio is checked, so that small, highly compressible files are not
    /// refused (64 MiB by default).
    public var ratioCheckAfterBytes: Int64
    /// Most entries read from one zip archive.
    public var maxEntries: Int

    /// Makes limits; the defaults are 16 GiB expanded, a ratio of 1000 after 64 MiB, and 10 000 zip entries.
    public init(
        maxExpandedBytes: Int64 = 16 << 30, maxRatio: Int64 = 1000, ratioCheckAfterBytes: Int64 = 64 << 20,
        maxEntries: Int = 10_000
    ) {
        self.maxExpandedBytes = maxExpandedBytes
        self.maxRatio = maxRatio
        self.ratioCheckAfterBytes = ratioCheckAfterBytes
        self.maxEntries = maxEntries
    }

    /// The limits idac reads every input under unless told otherwise.
    public static let `default` = DecompressionLimits()
}
