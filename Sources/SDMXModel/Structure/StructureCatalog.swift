/// Every artefact loaded from every structure file, so references resolve within and across files.
public struct StructureCatalog: Sendable {
    public private(set) var agencySchemes: [ArtefactKey: AgencyScheme] = [:]
    public private(set) var codelists: [ArtefactKey: Codelist] = [:]
    public private(set) var conceptSchemes: [ArtefactKey: ConceptScheme] = [:]
    public private(set) var dataStructures: [ArtefactKey: DataStructure] = [:]
    public private(set) var dataflows: [ArtefactKey: Dataflow] = [:]
    public private(set) var constraints: [ArtefactKey: ContentConstraint] = [:]
    public private(set) var rulesetSchemes: [ArtefactKey: RulesetScheme] = [:]
    public private(set) var others: [OtherArtefact] = []
    /// The files that were loaded, in order.
    public private(set) var sources: [String] = []

    public init() {}

    /// Adds a message's artefacts. The same artefact twice with the same content is fine (files
    /// overlap); with different content it is an error naming both files.
    public mutating func add(_ message: StructureMessage) throws {
        for codelist in message.codelists {
            if let cycle = codelist.parentCycle {
                throw SDMXError(
                    .invalidStructure,
                    "\(message.source): in code list \(codelist.reference), the codes' parents form a cycle "
                        + "(\(cycle.joined(separator: " → "))); a code cannot be its own ancestor")
            }
        }
        for scheme in message.conceptSchemes {
            if let cycle = scheme.parentCycle {
                throw SDMXError(
                    .invalidStructure,
                    "\(message.source): in concept scheme \(scheme.reference), the concepts' parents form a cycle "
                        + "(\(cycle.joined(separator: " → ")))")
            }
        }
        sources.append(message.source)
        try merge(message.agencySchemes, into: &agencySchemes, info: \.info)
        try merge(message.codelists, into: &codelists, info: \.info)
        try merge(message.conceptSchemes, into: &conceptSchemes, info: \.info)
        try merge(message.dataStructures, into: &dataStructures, info: \.info)
        try merge(message.dataflows, into: &dataflows, info: \.info)
        try merge(message.constraints, into: &constraints, info: \.info)
        try merge(message.rulesetSchemes, into: &rulesetSchemes, info: \.info)
        others += message.others
    }

    private func merge<Artefact: Hashable>(
        _ artefacts: [Artefact], into table: inout [ArtefactKey: Artefact],
        info: WritableKeyPath<Artefact, MaintainableInfo>
    ) throws {
        for artefact in artefacts {
            let key = ArtefactKey(artefact[keyPath: info].reference)
            if let existing = table[key] {
                if sameContent(existing, artefact, info: info) { continue }
                throw SDMXError(
                    .conflictingArtefact,
                    "\(artefact[keyPath: info].reference.kind.displayName) \(key) is defined differently in "
                        + "\(existing[keyPath: info].source) and \(artefact[keyPath: info].source); "
                        + "load only one of them, or give the new one another version")
            }
            table[key] = artefact
        }
    }

    /// Compares two artefacts ignoring the file they came from.
    private func sameContent<Artefact: Hashable>(
        _ lhs: Artefact, _ rhs: Artefact, info: WritableKeyPath<Artefact, MaintainableInfo>
    ) -> Bool {
        var left = lhs, right = rhs
        left[keyPath: info].source = ""
        right[keyPath: info].source = ""
        return left == right
    }

    // MARK: Lookup

    public func codelist(_ reference: ArtefactReference) -> Codelist? { find(reference, in: codelists) }
    public func conceptScheme(_ reference: ArtefactReference) -> ConceptScheme? { find(reference, in: conceptSchemes) }
    public func dataStructure(_ reference: ArtefactReference) -> DataStructure? { find(reference, in: dataStructures) }
    public func dataflow(_ reference: ArtefactReference) -> Dataflow? { find(reference, in: dataflows) }
    public func rulesetScheme(_ reference: ArtefactReference) -> RulesetScheme? { find(reference, in: rulesetSchemes) }

    /// A reference with a version finds that version; without, the latest loaded one.
    private func find<Artefact>(_ reference: ArtefactReference, in table: [ArtefactKey: Artefact]) -> Artefact? {
        if let version = reference.version, !reference.agencyID.isEmpty {
            return table[ArtefactKey(agencyID: reference.agencyID, id: reference.id, version: version)]
        }
        // SDMX-ML 2.0 data may name a DSD without its agency: any agency's will do.
        let candidates = table.keys.filter {
            (reference.agencyID.isEmpty || $0.agencyID == reference.agencyID) && $0.id == reference.id
                && (reference.version == nil || $0.version == reference.version)
        }
        let latest = candidates.max { VersionOrder.isEarlier($0.version, than: $1.version) }
        return latest.flatMap { table[$0] }
    }

    /// Constraints attached to a dataflow or DSD.
    public func constraints(attachedTo reference: ArtefactReference) -> [ContentConstraint] {
        constraints.values
            .filter { constraint in
                constraint.attachments.contains {
                    $0.kind == reference.kind && ArtefactKey($0) == ArtefactKey(reference)
                }
            }
            .sorted { $0.reference.description < $1.reference.description }
    }

    /// All dataflows and DSDs, for messages that list what could have been meant.
    public var structureNames: [String] {
        (dataflows.keys.map { "dataflow \($0)" } + dataStructures.keys.map { "DSD \($0)" }).sorted()
    }

    public var isEmpty: Bool {
        agencySchemes.isEmpty && codelists.isEmpty && conceptSchemes.isEmpty && dataStructures.isEmpty
            && dataflows.isEmpty && constraints.isEmpty && rulesetSchemes.isEmpty && others.isEmpty
    }
}

/// The identity of a maintainable artefact within its kind: agency, id and version.
public struct ArtefactKey: Hashable, Sendable, CustomStringConvertible {
    public var agencyID: String
    public var id: String
    public var version: String

    public init(agencyID: String, id: String, version: String) {
        self.agencyID = agencyID
        self.id = id
        self.version = version
    }

    public init(_ reference: ArtefactReference) {
        self.init(agencyID: reference.agencyID, id: reference.id, version: reference.version ?? "1.0")
    }

    public var description: String { "\(agencyID):\(id)(\(version))" }
}
