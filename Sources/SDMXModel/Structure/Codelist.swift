/// A code list: the allowed values of a coded component, in their published order.
public struct Codelist: Hashable, Sendable {
    public var info: MaintainableInfo
    public private(set) var codes: [Code]
    private var indexByID: [String: Int]

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

    public var reference: ArtefactReference { info.reference }

    public func code(_ id: String) -> Code? {
        indexByID[id].map { codes[$0] }
    }

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
    public var id: String
    public var name: String
    public var parentID: String?

    public init(id: String, name: String, parentID: String? = nil) {
        self.id = id
        self.name = name
        self.parentID = parentID
    }
}
