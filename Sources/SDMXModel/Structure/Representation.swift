/// How a component's values are written: drawn from a code list, or free text with a format.
public struct Representation: Hashable, Sendable {
    /// The code list (or other item scheme) the values come from.
    public var enumeration: ArtefactReference?
    /// The text format; for an enumeration, SDMX calls it the EnumerationFormat.
    public var textFormat: TextFormat?
    /// SDMX 3.0's `minOccurs` and `maxOccurs` (nil when unbounded or not stated): how many values a
    /// multi-valued attribute or measure takes.
    public var minOccurs: Int?
    public var maxOccurs: Int?

    public init(
        enumeration: ArtefactReference? = nil, textFormat: TextFormat? = nil, minOccurs: Int? = nil,
        maxOccurs: Int? = nil
    ) {
        self.enumeration = enumeration
        self.textFormat = textFormat
        self.minOccurs = minOccurs
        self.maxOccurs = maxOccurs
    }
}
