/// An age band as a range of whole years, read from the ways agencies write them: SDMX `Y0T4`,
/// Eurostat `Y_LT14` (under 14), `Y14-17`, `Y_GE18`, UNHCR `0-4`, `18+`, and single years `Y5`.
public struct AgeBand: Hashable, Sendable {
    /// The youngest age in the band, in whole years.
    public var lower: Int
    /// The oldest age in the band, inclusive; `open` for a band with no upper limit.
    public var upper: Int

    /// The upper bound that stands for "and over" (`Y_GE18`, `18+`): older than anyone reported.
    public static let open = 150

    /// Makes a band from its bounds, both inclusive; not checked.
    public init(lower: Int, upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    /// Reads a band code in any case (`Y0T4`, `Y_LT14`, `Y14-17`, `Y_GE18`, `0-4`, `18+`, `Y5`); nil for a code that is
    /// none of these (`_T`, `_U`, a label).
    public init?(code: String) {
        var text = Substring(code.uppercased())
        if text.hasPrefix("Y_") { text = text.dropFirst(2) } else if text.hasPrefix("Y") { text = text.dropFirst() }
        if text.hasPrefix("LT"), let limit = Int(text.dropFirst(2)), limit > 0 {
            self.init(lower: 0, upper: limit - 1)
        } else if text.hasPrefix("GE"), let limit = Int(text.dropFirst(2)) {
            self.init(lower: limit, upper: Self.open)
        } else if text.hasSuffix("+"), let limit = Int(text.dropLast()) {
            self.init(lower: limit, upper: Self.open)
        } else if let separator = text.firstIndex(where: { $0 == "-" || $0 == "T" }),
            let lower = Int(text[..<separator]), let upper = Int(text[text.index(after: separator)...]), lower <= upper
        {
            self.init(lower: lower, upper: upper)
        } else if let single = Int(text) {
            self.init(lower: single, upper: single)
        } else {
            return nil
        }
    }

    /// Whether `other` lies wholly within this band.
    public func contains(_ other: AgeBand) -> Bool { lower <= other.lower && other.upper <= upper }

    /// `0–4`, or `18+` for an open band, for messages.
    public var description: String { upper >= Self.open ? "\(lower)+" : "\(lower)–\(upper)" }
}
