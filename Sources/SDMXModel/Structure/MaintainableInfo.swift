/// What every maintainable artefact carries: its reference, name and where it was read from.
public struct MaintainableInfo: Hashable, Sendable {
    public var reference: ArtefactReference
    public var name: String
    public var isFinal: Bool
    /// The file (or embedded resource) the artefact was read from, for messages.
    public var source: String
    /// The line of the file where its element starts (0 when unknown), to name both places of a duplicate.
    public var line: Int
    /// A registry's stub (`detail=allstubs`): the artefact named, without its body (a DSD without
    /// components, a dataflow without its structure). Loaded, listed, and refused only by data that need it.
    public var isStub: Bool

    public init(
        reference: ArtefactReference, name: String, isFinal: Bool = false, source: String = "", line: Int = 0,
        isStub: Bool = false
    ) {
        self.reference = reference
        self.name = name
        self.isFinal = isFinal
        self.source = source
        self.line = line
        self.isStub = isStub
    }

    /// Where it was read, `file:line`.
    public var place: String { line > 0 ? "\(source):\(line)" : source }
}

/// An annotation (`com:Annotation`): a typed note, used by the Alliance for rule tolerances.
public struct Annotation: Hashable, Sendable {
    public var id: String?
    public var type: String?
    public var title: String?
    public var text: String?

    public init(id: String? = nil, type: String? = nil, title: String? = nil, text: String? = nil) {
        self.id = id
        self.type = type
        self.title = title
        self.text = text
    }
}
