/// How a component's values are written: drawn from a code list, or free text with a format.
public struct Representation: Hashable, Sendable {
    /// The code list (or other item scheme) the values come from.
    public var enumeration: ArtefactReference?
    /// The text format; for an enumeration, SDMX calls it the EnumerationFormat.
    public var textFormat: TextFormat?

    public init(enumeration: ArtefactReference? = nil, textFormat: TextFormat? = nil) {
        self.enumeration = enumeration
        self.textFormat = textFormat
    }
}
