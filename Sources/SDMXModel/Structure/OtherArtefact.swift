/// A maintainable artefact the toolkit reads past without modelling (category schemes,
/// hierarchical code lists, structure sets, …): kept so `inspect` can list and count it.
public struct OtherArtefact: Hashable, Sendable {
    public var info: MaintainableInfo
    /// The element name it was read from, such as `CategoryScheme`.
    public var elementName: String
    /// Its items (categories, hierarchies, …), counted.
    public var itemCount: Int

    public init(info: MaintainableInfo, elementName: String, itemCount: Int) {
        self.info = info
        self.elementName = elementName
        self.itemCount = itemCount
    }
}
