/// A data structure with every reference followed: each component's effective representation and
/// code list, ready for validation. Built once per dataset by ``StructureCatalog/resolve(_:)``; a
/// class, so that the hot paths that consult it per observation pass a reference, not its arrays.
public final class ResolvedStructure: Sendable {
    /// What the data named: a dataflow or a DSD.
    public let reference: ArtefactReference
    public let dataflow: Dataflow?
    public let dataStructure: DataStructure
    /// Dimensions in key order, then the time dimension, the measures and the attributes.
    public let components: [ResolvedComponent]
    public let dimensionIndices: [Int]
    public let timeIndex: Int?
    public let measureIndices: [Int]
    public let attributeIndices: [Int]
    /// Content constraints attached to the dataflow or the DSD.
    public let constraints: [ContentConstraint]
    private let indexByID: [String: Int]

    public init(
        reference: ArtefactReference, dataflow: Dataflow?, dataStructure: DataStructure,
        components: [ResolvedComponent], constraints: [ContentConstraint]
    ) {
        self.reference = reference
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
        self.dimensionIndices = dimensions
        self.timeIndex = time
        self.measureIndices = measures
        self.attributeIndices = attributes
    }

    public func index(of componentID: String) -> Int? { indexByID[componentID] }

    /// `IDAC:DF_CHILD_MIGRATION(1.0)` for a dataflow, the DSD's otherwise.
    public var name: String { (dataflow?.reference ?? dataStructure.reference).description }
}

/// A component with its role and the representation in force (local, else the concept's).
public struct ResolvedComponent: Sendable {
    public enum Role: Hashable, Sendable {
        case dimension(position: Int)
        case time
        case measure
        case attribute(AssignmentStatus, AttributeAttachment)
    }

    public var id: String
    public var role: Role
    public var conceptName: String
    public var codelist: Codelist?
    public var textFormat: TextFormat?

    public init(id: String, role: Role, conceptName: String, codelist: Codelist?, textFormat: TextFormat?) {
        self.id = id
        self.role = role
        self.conceptName = conceptName
        self.codelist = codelist
        self.textFormat = textFormat
    }

    public var isDimension: Bool {
        if case .dimension = role { return true }
        return false
    }
}

extension StructureCatalog {
    /// Follows a dataflow (or DSD) reference to its DSD and every code list and concept it needs.
    /// Throws an error naming the first reference no loaded file defines.
    public func resolve(_ reference: ArtefactReference) throws -> ResolvedStructure {
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
                if dataStructure(asDSD) != nil { return try resolve(asDSD) }
                throw missing(reference, neededBy: nil)
            }
            dataflow = flow
            guard let found = dataStructure(flow.structure) else {
                throw missing(flow.structure, neededBy: flow.reference.description)
            }
            dsd = found
        default:
            // A provision agreement or an unknown kind: try the names as a dataflow, then as a DSD.
            var asFlow = reference
            asFlow.kind = .dataflow
            if let flow = self.dataflow(asFlow), let found = dataStructure(flow.structure) {
                dataflow = flow
                dsd = found
            } else {
                var asDSD = reference
                asDSD.kind = .dataStructure
                guard let found = dataStructure(asDSD) else { throw missing(reference, neededBy: nil) }
                dsd = found
            }
        }
        let owner = "\(dsd.reference.description)"
        var components: [ResolvedComponent] = []
        for dimension in dsd.dimensions {
            components.append(
                try resolveComponent(dimension.component, role: .dimension(position: dimension.position), owner: owner))
        }
        if let time = dsd.timeDimension {
            components.append(try resolveComponent(time, role: .time, owner: owner))
        }
        for measure in dsd.measures {
            components.append(try resolveComponent(measure, role: .measure, owner: owner))
        }
        for attribute in dsd.attributes {
            components.append(
                try resolveComponent(
                    attribute.component, role: .attribute(attribute.assignmentStatus, attribute.attachment),
                    owner: owner))
        }
        var attached = constraints(attachedTo: dsd.reference)
        if let dataflow {
            attached += constraints(attachedTo: dataflow.reference)
        } else {
            // Data that name only the DSD (SDMX-ML 2.0 does) get the constraints of the dataflow
            // built on it, when exactly one is loaded: it is what they were reported for.
            let flows = dataflows.values.filter { ArtefactKey($0.structure) == ArtefactKey(dsd.reference) }
            if flows.count == 1, let only = flows.first { attached += constraints(attachedTo: only.reference) }
        }
        return ResolvedStructure(
            reference: reference, dataflow: dataflow, dataStructure: dsd,
            components: components, constraints: attached)
    }

    private func resolveComponent(_ component: Component, role: ResolvedComponent.Role, owner: String) throws
        -> ResolvedComponent
    {
        var conceptName = component.id
        var representation = component.localRepresentation
        if let identity = component.conceptIdentity {
            if let scheme = conceptScheme(identity.parent), let concept = scheme.concept(identity.itemID) {
                conceptName = concept.name.isEmpty ? component.id : concept.name
                if representation == nil { representation = concept.coreRepresentation }
            } else if representation == nil {
                throw missing(
                    identity.parent, neededBy: "\(owner) component \(component.id) (concept \(identity.itemID))")
            }
        }
        var codelist: Codelist?
        if let enumeration = representation?.enumeration {
            guard let found = self.codelist(enumeration) else {
                throw missing(enumeration, neededBy: "\(owner) component \(component.id)")
            }
            codelist = found
        }
        return ResolvedComponent(
            id: component.id, role: role, conceptName: conceptName,
            codelist: codelist, textFormat: representation?.textFormat)
    }

    private func missing(_ reference: ArtefactReference, neededBy: String?) -> SDMXError {
        let needed = neededBy.map { ", needed by \($0)," } ?? ""
        let loaded = sources.isEmpty ? "no structure files" : sources.joined(separator: ", ")
        return SDMXError(
            .unresolvedReference,
            "\(reference.kind.displayName) \(reference)\(needed) is not among the loaded structures (\(loaded)); "
                + "add the file that defines it with --structure")
    }

    /// Every reference between loaded artefacts that does not resolve, in words; empty when all do.
    public func unresolvedReferences() -> [String] {
        var problems: [String] = []
        for flow in dataflows.values.sorted(by: { $0.reference.description < $1.reference.description })
        where dataStructure(flow.structure) == nil {
            problems.append(
                "dataflow \(flow.reference) names \(flow.structure.kind.displayName) \(flow.structure), which is not loaded"
            )
        }
        for dsd in dataStructures.values.sorted(by: { $0.reference.description < $1.reference.description }) {
            do { _ = try resolve(dsd.reference) } catch let error as SDMXError { problems.append(error.message) } catch
            {}
        }
        return problems
    }
}
