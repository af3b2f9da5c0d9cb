/// An element's attributes by local name (`xml:lang` is `lang`), as a short list: elements have a
/// few, and a table per element cost a fifth of reading a code list of a million codes.
struct XMLAttributes {
    private var pairs: [(name: String, value: String)] = []

    init() {}

    /// The value given last under this name (as a table would keep it).
    subscript(name: String) -> String? {
        get { pairs.last { $0.name == name }?.value }
    }

    mutating func append(_ name: String, _ value: String) {
        pairs.append((name, value))
    }
}
