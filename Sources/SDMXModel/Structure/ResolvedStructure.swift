/// A data structure with every reference followed: each component's effective representation and
/// code list, ready for validation. Built once per dataset by ``StructureCatalog/resolve(_:)``; a
/// class, so that the hot paths that consult it per observation pass a reference, not its arrays.
public final class ResolvedStructure: Sendable {
    /// What the data named: a dataflow or a DSD.
    public let reference: ArtefactReference
    /// The dataflow the data named; nil when they named a DSD directly.
    public let dataflow: Dataflow?
    /// The DSD the data follow (the dataflow's, or the one named).
    public let dataStructure: DataStructure
    /// Dimensions in key order, then the time dimension, the measures and the attributes.
    public let components: [ResolvedComponent]
    /// Where the dimensions other than time are in ``components``, in key order.
    public let dimensionIndices: [Int]
    /// Where the time dimension is in ``components``; nil when the DSD has none.
    public let timeIndex: Int?
    /// Where the measures are in ``components``.
    public let measureIndices: [Int]
    /// Where the attributes are in ``components``.
    public let attributeIndices: [Int]
    /// Content constraints attached to the dataflow or the DSD.
    public let constraints: [ContentConstraint]
    /// What the DSD needs and no loaded file defines (resolved with `allowIncomplete`): the
    /// components it names are left unchecked.
    public let missing: [MissingReference]
    /// Whether some component states how many values it takes (SDMX 3.0's `minOccurs`/`maxOccurs`).
    public let statesCardinality: Bool
    /// Whether some component asks for at least two values (`minOccurs` above 1): then every element's
    /// values are counted, not only those that give a component twice.
    public let asksForSeveralValues: Bool
    private let indexByID: [String: Int]

    /// Makes a resolved structure and indexes its components by id and role;
    /// ``StructureCatalog/resolve(_:allowIncomplete:)`` is how one is made from loaded files.
    public init(
        reference: ArtefactReference, dataflow: Dataflow?, dataStructure: DataStructure,
        components: [ResolvedComponent], constraints: [ContentConstraint], missing: [MissingReference] = []
    ) {
        self.reference = reference
        self.missing = missing
        self.dataflow = dataflow
        self.dataStructure = dataStructure
        self.components = components
        self.constraints = constraints
        var index: [String: Int] = [:]
        var dimensions: [Int] = [], measures: [Int] = [], attributes: [Int] = []
        var time: Int?
        for (position, component) in components.enumerated() {
            index[component.id] = position
            switch component.role {
            case .dimension: dimensions.append(position)
            case .time: time = position
            case .measure: measures.append(position)
            case .attribute: attributes.append(position)
            }
        }
        self.indexByID = index
        self.statesCardinality = components.contains { $0.maxOccurs != nil || ($0.minOccurs ?? 0) > 1 }
        self.asksForSeveralValues = components.contains { ($0.minOccurs ?? 0) > 1 }
        self.dimensionIndices = dimensions
        self.timeIndex = time
        self.measureIndices = measures
        self.attributeIndices = attributes
    }

    /// Where the component with this id is in ``components``; nil for an id the DSD does not have.
    public func index(of componentID: String) -> Int? { indexByID[componentID] }

    /// `IDAC:DF_CHILD_MIGRATION(1.0)` for a dataflow, the DSD's otherwise.
    public var name: String { (dataflow?.reference ?? dataStructure.reference).description }
}

/// A component with its role and the representation in force (local, else the concept's).
public struct ResolvedComponent: Sendable {
    /// What a component is in the DSD, which decides how its values are checked.
    public enum Role: Hashable, Sendable {
        /// A dimension other than time, at this 1-based position in the key.
        case dimension(position: Int)
        /// The time dimension.
        case time
        /// A measure (SDMX 2.1's primary measure).
        case measure
        /// An attribute, whether it must be reported and the level it attaches to.
        case attribute(AssignmentStatus, AttributeAttachment)
    }

    /// The component's id, as data messages name it.
    public var id: String
    /// Its role in the DSD.
    public var role: Role
    /// The name of its concept, for reports; its id when the concept is not loaded or has no name.
    public var conceptName: String
    /// The codes its values must be, when coded (for a measure dimension enumerated by a concept scheme, the concepts
    /// as codes); nil when uncoded or when the list is missing.
    public var codelist: Codelist?
    /// The text format in force (local, else the concept's); nil when none is stated.
    public var textFormat: TextFormat?
    /// How many values it takes, where an SDMX 3.0 DSD says (`minOccurs`, `maxOccurs`).
    public var minOccurs: Int?
    /// See ``minOccurs``: the most values it takes, nil when unbounded or not stated.
    public var maxOccurs: Int?

    /// Makes a resolved component, as ``StructureCatalog/resolve(_:allowIncomplete:)`` does.
    public init(
        id: String, role: Role, conceptName: String, codelist: Codelist?, textFormat: TextFormat?,
        minOccurs: Int? = nil, maxOccurs: Int? = nil
    ) {
        self.id = id
        self.role = role
        self.conceptName = conceptName
        self.codelist = codelist
        self.textFormat = textFormat
        self.minOccurs = minOccurs
        self.maxOccurs = maxOccurs
    }

    /// Whether it is a dimension other than time.
    public var isDimension: Bool {
        if case .dimension = role { return true }
        return false
    }
}

extension StructureCatalog {
    /// Follows a dataflow (or DSD) reference to its DSD and every code list and concept it needs.
    /// Throws when the dataflow or DSD is not loaded (or only as a stub). A code list or concept
    /// scheme no loaded file defines is an error listing every one of them, unless `allowIncomplete`:
    /// then its components are left unchecked and named in ``ResolvedStructure/missing``.
    public func resolve(_ reference: ArtefactReference, allowIncomplete: Bool = false) throws -> ResolvedStructure {
        var dataflow: Dataflow?
        let dsd: DataStructure
        switch reference.kind {
        case .dataStructure:
            guard let found = dataStructure(reference) else { throw missing(reference, neededBy: nil) }
            dsd = found
        case .dataflow:
            guard let flow = self.dataflow(reference) else {
                // `--dataflow` may name a DSD directly.
                var asDSD = reference
                asDSD.kind = .dataStructure
                if dataStructure(asDSD) != nil { return try resolve(asDSD, allowIncomplete: allowIncomplete) }
                throw missing(reference, neededBy: nil)
            }
            dataflow = flow
            guard let structure = flow.structure else { throw stub(flow.info, lacking: "names no data structure") }
            guard let found = dataStructure(structure) else {
                throw missing(structure, neededBy: flow.reference.description)
            }
            dsd = found
        default:
            // A provision agreement or an unknown kind: try the names as a dataflow, then as a DSD.
            var asFlow = reference
            asFlow.kind = .dataflow
            if let flow = self.dataflow(asFlow), let structure = flow.structure, let found = dataStructure(structure) {
                dataflow = flow
                dsd = found
            } else {
                var asDSD = reference
                asDSD.kind = .dataStructure
                guard let found = dataStructure(asDSD) else { throw missing(reference, neededBy: nil) }
                dsd = found
            }
        }
        if dsd.info.isStub { throw stub(dsd.info, lacking: "has no components") }
        var absent = AbsentArtefacts(owner: dsd.reference)
        var components: [ResolvedComponent] = []
        for dimension in dsd.dimensions {
            components.append(
                resolveComponent(dimension.component, role: .dimension(position: dimension.position), absent: &absent))
        }
        if let time = dsd.timeDimension {
            components.append(resolveComponent(time, role: .time, absent: &absent))
        }
        for measure in dsd.measures {
            components.append(resolveComponent(measure, role: .measure, absent: &absent))
        }
        for attribute in dsd.attributes {
            components.append(
                resolveComponent(
                    attribute.component, role: .attribute(attribute.assignmentStatus, attribute.attachment),
                    absent: &absent))
        }
        if !absent.found.isEmpty, !allowIncomplete { throw incomplete(dsd.reference, absent.found) }
        var attached = constraints(attachedTo: dsd.reference)
        if let dataflow {
            attached += constraints(attachedTo: dataflow.reference)
        } else {
            // Data that name only the DSD (SDMX-ML 2.0 does) get the constraints of the dataflow
            // built on it, when exactly one is loaded: it is what they were reported for.
            let flows = dataflows.values.filter { $0.structure.map(ArtefactKey.init) == ArtefactKey(dsd.reference) }
            if flows.count == 1, let only = flows.first { attached += constraints(attachedTo: only.reference) }
        }
        return ResolvedStructure(
            reference: reference, dataflow: dataflow, dataStructure: dsd,
            components: components, constraints: attached, missing: absent.found)
    }

    /// The artefacts found missing while resolving one DSD, each once with every component it leaves unchecked.
    private struct AbsentArtefacts {
        let owner: ArtefactReference
        var found: [MissingReference] = []

        mutating func add(_ reference: ArtefactReference, component: String) {
            let key = ArtefactKey(reference)
            if let index = found.firstIndex(where: {
                $0.reference.kind == reference.kind && ArtefactKey($0.reference) == key
            }) {
                found[index].components.append(component)
            } else {
                found.append(MissingReference(reference: reference, owner: owner, components: [component]))
            }
        }
    }

    private func resolveComponent(
        _ component: Component, role: ResolvedComponent.Role, absent: inout AbsentArtefacts
    ) -> ResolvedComponent {
        var conceptName = component.id
        var representation = component.localRepresentation
        if let identity = component.conceptIdentity {
            if let scheme = conceptScheme(identity.parent), let concept = scheme.concept(identity.itemID) {
                conceptName = concept.name.isEmpty ? component.id : concept.name
                if representation == nil { representation = concept.coreRepresentation }
            } else if representation == nil {
                // Without the concept, its core representation is unknown: the component goes unchecked.
                absent.add(identity.parent, component: "\(component.id) (concept \(identity.itemID))")
            }
        }
        var codelist: Codelist?
        if let enumeration = representation?.enumeration {
            if enumeration.kind == .conceptScheme {
                // SDMX 2.1's measure dimension is enumerated by a concept scheme: its values are the concept ids.
                if let scheme = conceptScheme(enumeration) {
                    codelist = Codelist(
                        info: scheme.info,
                        codes: scheme.concepts.map { Code(id: $0.id, name: $0.name, parentID: $0.parentID) })
                } else {
                    absent.add(enumeration, component: component.id)
                }
            } else if let found = self.codelist(enumeration) {
                codelist = found
            } else {
                absent.add(enumeration, component: component.id)
            }
        }
        return ResolvedComponent(
            id: component.id, role: role, conceptName: conceptName,
            codelist: codelist, textFormat: representation?.textFormat, minOccurs: representation?.minOccurs,
            maxOccurs: representation?.maxOccurs)
    }

    private var loadedFiles: String { sources.isEmpty ? "no structure files" : sources.joined(separator: ", ") }

    private func missing(_ reference: ArtefactReference, neededBy: String?) -> SDMXError {
        let needed = neededBy.map { ", needed by \($0)," } ?? ""
        return SDMXError(
            .unresolvedReference,
            "\(reference.kind.displayName) \(reference)\(needed) is not among the loaded structures (\(loadedFiles)); "
                + "add the file that defines it with --structure")
    }

    private func stub(_ info: MaintainableInfo, lacking: String) -> SDMXError {
        SDMXError(
            .unresolvedReference,
            "\(info.reference.kind.displayName) \(info.reference) is loaded only as a stub from \(info.place) "
                + "(it \(lacking)); load its full definition with --structure")
    }

    /// Every missing artefact at once, so a user fixes them in one run.
    private func incomplete(_ owner: ArtefactReference, _ absent: [MissingReference]) -> SDMXError {
        if absent.count == 1, let only = absent.first {
            return SDMXError(
                .unresolvedReference,
                "\(only.description), is not among the loaded structures (\(loadedFiles)); "
                    + "add the file that defines it with --structure")
        }
        return SDMXError(
            .unresolvedReference,
            "data structure definition \(owner) needs \(absent.count) artefacts that are not among the loaded "
                + "structures (\(loadedFiles)): "
                + absent.map {
                    "\($0.reference.kind.displayName) \($0.reference) (for "
                        + $0.componentIDs.joined(separator: ", ") + ")"
                }.joined(separator: "; ")
                + "; add the files that define them with --structure")
    }

    /// Every reference between loaded artefacts that does not resolve, in words (each missing
    /// artefact once per DSD that needs it); empty when all do. Stubs are not counted.
    public func unresolvedReferences() -> [String] {
        var problems: [String] = []
        for flow in dataflows.values.sorted(by: { $0.reference.description < $1.reference.description }) {
            guard let structure = flow.structure, dataStructure(structure) == nil else { continue }
            problems.append(
                "dataflow \(flow.reference) names \(structure.kind.displayName) \(structure), which is not loaded")
        }
        for dsd in dataStructures.values.sorted(by: { $0.reference.description < $1.reference.description })
        where !dsd.info.isStub {
            guard let resolved = try? resolve(dsd.reference, allowIncomplete: true) else { continue }
            problems += resolved.missing.map {
                "\($0.description), is not among the loaded structures (\(loadedFiles)); "
                    + "add the file that defines it with --structure"
            }
        }
        return problems
    }
}
