/// Bounds on what one SDMX-JSON message may make the reader hold, so that hostile input gets a clear
/// error rather than unbounded memory or recursion.
public struct JSONLimits: Sendable {
    /// Deepest nesting of objects and arrays (an SDMX-JSON data message needs about 10).
    public var maxDepth: Int
    /// Longest string (a key or a value) after its escapes are decoded, in bytes.
    public var maxStringBytes: Int
    /// Longest number, in bytes.
    public var maxNumberBytes: Int
    /// Most values (objects, arrays, strings, numbers) kept of the message's `meta` and `structure`
    /// sections, the only parts held in memory: their value lists grow with the distinct codes and
    /// periods, never with the observations.
    public var maxStructureValues: Int
    /// Most datasets in one message (a few bytes each are kept between the two passes).
    public var maxDataSets: Int

    /// Limits generous for any real SDMX-JSON message; tests lower them to reach a bound cheaply.
    public init(
        maxDepth: Int = 64, maxStringBytes: Int = 1 << 20, maxNumberBytes: Int = 256,
        maxStructureValues: Int = 4_000_000, maxDataSets: Int = 10_000
    ) {
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.maxNumberBytes = maxNumberBytes
        self.maxStructureValues = maxStructureValues
        self.maxDataSets = maxDataSets
    }

    /// The limits the readers use unless given others.
    public static let `default` = JSONLimits()
}
