/// What every maintainable artefact carries: its reference, name and where it was read from.
public struct MaintainableInfo: Hashable, Sendable {
    /// What identifies the artefact: its kind, agency, id and version.
    public var reference: ArtefactReference
    /// Its name, in English where the file gives one (else the first name written; empty when none).
    public var name: String
    /// Whether the file marks it `isFinal="true"`: a final artefact may not change without a new version.
    public var isFinal: Bool
    /// The file (or embedded resource) the artefact was read from, for messages.
    public var source: String
    /// The line of the file where its element starts (0 when unknown), to name both places of a duplicate.
    public var line: Int
    /// A registry's stub (`detail=allstubs`): the artefact named, without its body (a DSD without
    /// components, a dataflow without its structure). Loaded, listed, and refused only by data that need it.
    public var isStub: Bool

    /// Makes the common part of an artefact; the defaults suit artefacts built in code rather than read.
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
    /// The annotation's `id` attribute, nil when absent.
    public var id: String?
    /// Its `AnnotationType`: what kind of note it is, which is how the Alliance's settings are found.
    public var type: String?
    /// Its `AnnotationTitle`, which for the Alliance's settings holds the value.
    public var title: String?
    /// Its `AnnotationText` (the first, when given in several languages).
    public var text: String?

    /// Makes an annotation; every part is optional, as in SDMX.
    public init(id: String? = nil, type: String? = nil, title: String? = nil, text: String? = nil) {
        self.id = id
        self.type = type
        self.title = title
        self.text = text
    }
}
