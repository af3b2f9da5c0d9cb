/// Every artefact loaded from every structure file, so references resolve within and across files.
public struct StructureCatalog: Sendable {
    /// Agency schemes by identity, merged across files (see ``warnings``).
    public private(set) var agencySchemes: [ArtefactKey: AgencyScheme] = [:]
    /// Code lists by identity; each identity once (``add(_:)`` refuses two that differ).
    public private(set) var codelists: [ArtefactKey: Codelist] = [:]
    /// Concept schemes by identity.
    public private(set) var conceptSchemes: [ArtefactKey: ConceptScheme] = [:]
    /// Data structure definitions by identity.
    public private(set) var dataStructures: [ArtefactKey: DataStructure] = [:]
    /// Dataflows by identity.
    public private(set) var dataflows: [ArtefactKey: Dataflow] = [:]
    /// Content and data constraints by identity.
    public private(set) var constraints: [ArtefactKey: ContentConstraint] = [:]
    /// VTL ruleset schemes by identity.
    public private(set) var rulesetSchemes: [ArtefactKey: RulesetScheme] = [:]
    /// Artefacts read past without being modelled, every one as loaded (not merged), to be listed.
    public private(set) var others: [OtherArtefact] = []
    /// The files that were loaded, in order.
    public private(set) var sources: [String] = []
    /// What loading let pass and the user should know: overlapping agency schemes merged, an artefact
    /// given twice alike in one file. Printed as warnings; never a reason to stop.
    public private(set) var warnings: [String] = []
    /// `--strict-structures`: a dataset whose structure lacks a code list or concept scheme stops the
    /// run (exit 2) instead of being checked with what is there and warned about (STRUCTURE_INCOMPLETE).
    public var requiresCompleteStructures = false

    /// Makes an empty catalog; ``add(_:)`` fills it.
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
        mergeAgencySchemes(message.agencySchemes)
        try Self.merge(message.codelists, into: &codelists, warnings: &warnings)
        try Self.merge(message.conceptSchemes, into: &conceptSchemes, warnings: &warnings)
        try Self.merge(message.dataStructures, into: &dataStructures, warnings: &warnings)
        try Self.merge(message.dataflows, into: &dataflows, warnings: &warnings)
        try Self.merge(message.constraints, into: &constraints, warnings: &warnings)
        try Self.merge(message.rulesetSchemes, into: &rulesetSchemes, warnings: &warnings)
        others += message.others
    }

    private static func merge<Artefact: Maintainable>(
        _ artefacts: [Artefact], into table: inout [ArtefactKey: Artefact], warnings: inout [String]
    ) throws {
        let info = \Artefact.info
        for artefact in artefacts {
            let new = artefact[keyPath: info]
            let key = ArtefactKey(new.reference)
            guard let existing = table[key] else {
                table[key] = artefact
                continue
            }
            let old = existing[keyPath: info]
            // A stub never replaces a body, and is replaced by one.
            if new.isStub { continue }
            if old.isStub {
                table[key] = artefact
                continue
            }
            let sameFile = old.source == new.source
            if sameContent(existing, artefact, info: info) {
                if sameFile {
                    warnings.append(
                        "\(new.reference.kind.displayName) \(key) is defined twice in \(new.source) (lines "
                            + "\(old.line) and \(new.line)), alike; the first is used")
                }
                continue
            }
            let difference = StructureDifference.first(
                between: stripped(existing, info: info), stripped(artefact, info: info))
            let places =
                sameFile
                ? "twice in \(new.source) (lines \(old.line) and \(new.line))" : "in \(old.place) and \(new.place)"
            throw SDMXError(
                .conflictingArtefact,
                "\(new.reference.kind.displayName) \(key) is defined differently \(places)"
                    + (difference.map { " (first difference: \($0))" } ?? "")
                    + "; load only one of them, or give the new one another version")
        }
    }

    /// Each registry ships its own subset of `SDMX:AGENCIES`: they play no part in validation, so
    /// schemes of one identity are merged (agencies the first lacks are added), with a warning.
    private mutating func mergeAgencySchemes(_ schemes: [AgencyScheme]) {
        for scheme in schemes {
            let key = ArtefactKey(scheme.reference)
            guard var existing = agencySchemes[key] else {
                agencySchemes[key] = scheme
                continue
            }
            if Self.sameContent(existing, scheme, info: \.info) { continue }
            let known = Set(existing.agencies.map(\.id))
            let added = scheme.agencies.filter { !known.contains($0.id) }
            existing.agencies += added
            agencySchemes[key] = existing
            warnings.append(
                "agency scheme \(key) is defined differently in \(existing.info.place) and \(scheme.info.place); "
                    + "merged (\(added.count) agencies added), since agency schemes play no part in validation")
        }
    }

    /// Compares two artefacts ignoring where they were read.
    private static func sameContent<Artefact: Hashable>(
        _ lhs: Artefact, _ rhs: Artefact, info: WritableKeyPath<Artefact, MaintainableInfo>
    ) -> Bool {
        stripped(lhs, info: info) == stripped(rhs, info: info)
    }

    private static func stripped<Artefact>(_ artefact: Artefact, info: WritableKeyPath<Artefact, MaintainableInfo>)
        -> Artefact
    {
        var copy = artefact
        copy[keyPath: info].source = ""
        copy[keyPath: info].line = 0
        return copy
    }

    // MARK: Lookup

    /// The code list a reference names: that version, or the latest loaded when it gives none; nil when not loaded. The
    /// four look-ups below work alike.
    public func codelist(_ reference: ArtefactReference) -> Codelist? { find(reference, in: codelists) }
    /// The concept scheme a reference names (its version, or the latest loaded); nil when not loaded.
    public func conceptScheme(_ reference: ArtefactReference) -> ConceptScheme? { find(reference, in: conceptSchemes) }
    /// The DSD a reference names (its version, or the latest loaded); nil when not loaded. An empty agency (SDMX-ML 2.0
    /// data) matches any agency.
    public func dataStructure(_ reference: ArtefactReference) -> DataStructure? { find(reference, in: dataStructures) }
    /// The dataflow a reference names (its version, or the latest loaded); nil when not loaded.
    public func dataflow(_ reference: ArtefactReference) -> Dataflow? { find(reference, in: dataflows) }
    /// The ruleset scheme a reference names (its version, or the latest loaded); nil when not loaded.
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

    /// Whether nothing at all was loaded.
    public var isEmpty: Bool {
        agencySchemes.isEmpty && codelists.isEmpty && conceptSchemes.isEmpty && dataStructures.isEmpty
            && dataflows.isEmpty && constraints.isEmpty && rulesetSchemes.isEmpty && others.isEmpty
    }
}

/// What the catalog's tables hold: an artefact with its identity and origin.
public protocol Maintainable: Hashable {
    /// The artefact's identity, name and origin; writable so that the catalog can compare two artefacts without where
    /// they were read.
    var info: MaintainableInfo { get set }
}

extension AgencyScheme: Maintainable {}
extension Codelist: Maintainable {}
extension ConceptScheme: Maintainable {}
extension DataStructure: Maintainable {}
extension Dataflow: Maintainable {}
extension ContentConstraint: Maintainable {}
extension RulesetScheme: Maintainable {}

/// The identity of a maintainable artefact within its kind: agency, id and version.
public struct ArtefactKey: Hashable, Sendable, CustomStringConvertible {
    /// The maintaining agency's id.
    public var agencyID: String
    /// The artefact's id.
    public var id: String
    /// Its version, always stated: a reference without one is keyed as `1.0`.
    public var version: String

    /// Makes a key from its parts.
    public init(agencyID: String, id: String, version: String) {
        self.agencyID = agencyID
        self.id = id
        self.version = version
    }

    /// The key of a reference's artefact, its kind dropped and a missing version taken as `1.0`.
    public init(_ reference: ArtefactReference) {
        self.init(agencyID: reference.agencyID, id: reference.id, version: reference.version ?? "1.0")
    }

    /// `AGENCY:ID(VERSION)`, as messages print it.
    public var description: String { "\(agencyID):\(id)(\(version))" }
}
