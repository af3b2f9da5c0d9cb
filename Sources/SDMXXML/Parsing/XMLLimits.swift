/// Safety limits for untrusted XML. libxml2's own limits (10 MB per text or attribute value without
/// `XML_PARSE_HUGE`, entity-amplification checks) apply too.
public struct XMLLimits: Sendable {
    /// Deepest element nesting accepted; SDMX messages need about 12 levels.
    public var maxDepth: Int
    /// Most attributes accepted on one element.
    public var maxAttributes: Int
    /// Bytes handed to libxml2 at a time.
    public var chunkSize: Int

    /// Limits generous for any real SDMX message; tests lower them to reach a bound cheaply.
    public init(maxDepth: Int = 256, maxAttributes: Int = 1024, chunkSize: Int = 256 * 1024) {
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
        self.chunkSize = chunkSize
    }

    /// The limits the readers use unless given others.
    public static let `default` = XMLLimits()
}
