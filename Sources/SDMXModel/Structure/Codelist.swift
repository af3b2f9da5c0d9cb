/// A code list: the allowed values of a coded component, in their published order.
public struct Codelist: Hashable, Sendable {
    /// Its identity (agency, id, version), name and where it was read.
    public var info: MaintainableInfo
    /// The codes in their published order; read-only so that the index by id stays in step.
    public private(set) var codes: [Code]
    private var indexByID: [String: Int]

    /// Makes a code list and indexes its codes by id (the first of a repeated id wins; ``duplicateCodeIDs`` names the
    /// others).
    public init(info: MaintainableInfo, codes: [Code]) {
        self.info = info
        self.codes = codes
        var index: [String: Int] = [:]
        index.reserveCapacity(codes.count)
        for (position, code) in codes.enumerated() where index[code.id] == nil {
            index[code.id] = position
        }
        self.indexByID = index
    }

    /// The list's own reference (kind `Codelist`), as representations name it.
    public var reference: ArtefactReference { info.reference }

    /// The code with this id (the first, if listed twice), found through the index; nil when the list has none.
    public func code(_ id: String) -> Code? {
        indexByID[id].map { codes[$0] }
    }

    /// Whether the list has a code with this id: the check every coded value gets.
    public func contains(_ id: String) -> Bool { indexByID[id] != nil }

    /// A chain of parents that comes back on itself (`A → B → A`), which no hierarchy can have.
    public var parentCycle: [String]? {
        ParentCycle.find(in: codes.map { ($0.id, $0.parentID) })
    }

    /// Codes listed more than once (a broken list), for the loader to report.
    public var duplicateCodeIDs: [String] {
        var seen = Set<String>()
        return codes.compactMap { seen.insert($0.id).inserted ? nil : $0.id }
    }
}

/// One code of a code list, with the code it sits under in a hierarchical list.
public struct Code: Hashable, Sendable {
    /// The code as reported in data (`A`, `KE`); case matters.
    public var id: String
    /// Its name, in English where the file gives one, for reports and suggestions.
    public var name: String
    /// The id of the code it sits under in the same list, nil at the top.
    public var parentID: String?

    /// Makes a code.
    public init(id: String, name: String, parentID: String? = nil) {
        self.id = id
        self.name = name
        self.parentID = parentID
    }
}
