/// How a component's values are written: drawn from a code list, or free text with a format.
public struct Representation: Hashable, Sendable {
    /// The code list (or other item scheme) the values come from.
    public var enumeration: ArtefactReference?
    /// The text format; for an enumeration, SDMX calls it the EnumerationFormat.
    public var textFormat: TextFormat?
    /// SDMX 3.0's `minOccurs` and `maxOccurs` (nil when unbounded or not stated): how many values a
    /// multi-valued attribute or measure takes.
    public var minOccurs: Int?
    /// See ``minOccurs``: the most values allowed, nil when unbounded or not stated.
    public var maxOccurs: Int?

    /// Makes a representation; every part is optional, as in the structure messages.
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
