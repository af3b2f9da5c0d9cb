/// What every maintainable artefact carries: its reference, name and where it was read from.
public struct MaintainableInfo: Hashable, Sendable {
    public var reference: ArtefactReference
    public var name: String
    public var isFinal: Bool
    /// The file (or embedded resource) the artefact was read from, for messages.
    public var source: String

    public init(reference: ArtefactReference, name: String, isFinal: Bool = false, source: String = "") {
        self.reference = reference
        self.name = name
        self.isFinal = isFinal
        self.source = source
    }
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
