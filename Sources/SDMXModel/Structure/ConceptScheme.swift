/// A concept scheme: the concepts components take their meaning (and default representation) from.
public struct ConceptScheme: Hashable, Sendable {
    public var info: MaintainableInfo
    public private(set) var concepts: [Concept]
    private var indexByID: [String: Int]

    public init(info: MaintainableInfo, concepts: [Concept]) {
        self.info = info
        self.concepts = concepts
        var index: [String: Int] = [:]
        for (position, concept) in concepts.enumerated() where index[concept.id] == nil {
            index[concept.id] = position
        }
        self.indexByID = index
    }

    public var reference: ArtefactReference { info.reference }

    /// A chain of parent concepts that comes back on itself.
    public var parentCycle: [String]? {
        ParentCycle.find(in: concepts.map { ($0.id, $0.parentID) })
    }

    public func concept(_ id: String) -> Concept? {
        indexByID[id].map { concepts[$0] }
    }
}

/// A concept, with the representation a component gets when it does not give its own.
public struct Concept: Hashable, Sendable {
    public var id: String
    public var name: String
    public var coreRepresentation: Representation?
    public var parentID: String?

    public init(id: String, name: String, coreRepresentation: Representation? = nil, parentID: String? = nil) {
        self.id = id
        self.name = name
        self.coreRepresentation = coreRepresentation
        self.parentID = parentID
    }
}
