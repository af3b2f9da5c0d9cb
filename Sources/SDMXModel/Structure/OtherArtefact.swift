/// A maintainable artefact the toolkit reads past without modelling (category schemes,
/// hierarchical code lists, structure sets, …): kept so `inspect` can list and count it.
public struct OtherArtefact: Hashable, Sendable {
    /// Its identity (agency, id, version), name and where it was read, listed by `inspect`.
    public var info: MaintainableInfo
    /// The element name it was read from, such as `CategoryScheme`.
    public var elementName: String
    /// Its items (categories, hierarchies, …), counted.
    public var itemCount: Int

    /// Makes the record of an artefact read past, as the structure readers do.
    public init(info: MaintainableInfo, elementName: String, itemCount: Int) {
        self.info = info
        self.elementName = elementName
        self.itemCount = itemCount
    }
}
