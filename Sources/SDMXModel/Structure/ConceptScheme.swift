/// A concept scheme: the concepts components take their meaning (and default representation) from.
public struct ConceptScheme: Hashable, Sendable {
    /// Its identity (agency, id, version), name and where it was read.
    public var info: MaintainableInfo
    /// The concepts in the order written; read-only so that the index by id stays in step.
    public private(set) var concepts: [Concept]
    private var indexByID: [String: Int]

    /// Makes a scheme and indexes its concepts by id (the first of a repeated id wins).
    public init(info: MaintainableInfo, concepts: [Concept]) {
        self.info = info
        self.concepts = concepts
        var index: [String: Int] = [:]
        for (position, concept) in concepts.enumerated() where index[concept.id] == nil {
            index[concept.id] = position
        }
        self.indexByID = index
    }

    /// The scheme's own reference (kind `ConceptScheme`), as components' concept identities name it.
    public var reference: ArtefactReference { info.reference }

    /// A chain of parent concepts that comes back on itself.
    public var parentCycle: [String]? {
        ParentCycle.find(in: concepts.map { ($0.id, $0.parentID) })
    }

    /// The concept with this id (the first, if listed twice), found through the index; nil when the scheme has none.
    public func concept(_ id: String) -> Concept? {
        indexByID[id].map { concepts[$0] }
    }
}

/// A concept, with the representation a component gets when it does not give its own.
public struct Concept: Hashable, Sendable {
    /// The concept's id within its scheme, as components name it in their concept identity.
    public var id: String
    /// Its name, in English where the file gives one.
    public var name: String
    /// The representation a component using this concept gets when it states none of its own.
    public var coreRepresentation: Representation?
    /// The id of the concept this one sits under in the same scheme, nil at the top.
    public var parentID: String?

    /// Makes a concept.
    public init(id: String, name: String, coreRepresentation: Representation? = nil, parentID: String? = nil) {
        self.id = id
        self.name = name
        self.coreRepresentation = coreRepresentation
        self.parentID = parentID
    }
}
