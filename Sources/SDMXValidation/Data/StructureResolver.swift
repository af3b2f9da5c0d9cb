import SDMXModel

/// Finds the structure a dataset follows (UNKNOWN_STRUCTURE when it cannot), and prepares its
/// checkers once per file: a file that starts many datasets (a CSV alternating actions) resolves
/// each structure once, and reports one it cannot resolve the same way every time.
struct StructureResolver {
    /// A resolved structure with what its checks need, made once.
    final class Prepared {
        let structure: ResolvedStructure
        let checkers: [ComponentChecker]
        let constraints: ConstraintChecker?
        let componentIDs: [String]

        init(_ structure: ResolvedStructure) {
            self.structure = structure
            let constraints = ConstraintChecker(structure: structure)
            // "Did you mean" offers only codes the dataflow's constraints may allow.
            checkers = structure.components.indices.map { index in
                ComponentChecker(structure.components[index]) { constraints.mayAllow($0, componentIndex: index) }
            }
            self.constraints = constraints.isEmpty ? nil : constraints
            componentIDs = structure.components.map(\.id)
        }
    }

    private let catalog: StructureCatalog
    private let structureOverride: ArtefactReference?
    private var prepared: [String: Prepared] = [:]
    /// The message for each reference that could not be resolved.
    private var unresolvable: [String: String] = [:]

    init(catalog: StructureCatalog, structureOverride: ArtefactReference?) {
        self.catalog = catalog
        self.structureOverride = structureOverride
    }

    /// The structure of `dataSet`, prepared; nil (and a finding) when it names none or an unknown one.
    /// A broken structure set (a reference inside it that does not resolve) is an error of the run.
    mutating func resolve(_ dataSet: DataSetStart, into collector: inout FindingCollector) throws -> Prepared? {
        guard let reference = structureOverride ?? dataSet.structure else {
            collector.add(
                Finding(
                    code: .unknownStructure,
                    message: "the dataset names no dataflow or data structure; name one in the message header "
                        + "(or the STRUCTURE_ID column), or give --dataflow AGENCY:ID(VERSION)",
                    line: dataSet.position.line, column: dataSet.position.column))
            return nil
        }
        let key = reference.kind.rawValue + "|" + reference.description
        if let message = unresolvable[key] {
            collector.add(
                Finding(
                    code: .unknownStructure, message: message, line: dataSet.position.line,
                    column: dataSet.position.column, value: reference.description))
            return nil
        }
        if let cached = prepared[key] { return cached }
        do {
            let made = Prepared(try catalog.resolve(reference))
            prepared[key] = made
            return made
        } catch let error as SDMXError where error.code == .unresolvedReference && !isKnown(reference) {
            let known = catalog.structureNames.prefix(8).joined(separator: ", ")
            let message =
                "\(reference.kind.displayName) \(reference) is not among the loaded structures"
                + (known.isEmpty ? "" : " (loaded: \(known))")
                + "; check the name, or load its structure with --structure"
            unresolvable[key] = message
            collector.add(
                Finding(
                    code: .unknownStructure, message: message, line: dataSet.position.line,
                    column: dataSet.position.column, value: reference.description))
            return nil
        }
    }

    /// Whether the artefact itself is loaded (so a failure lies deeper, in a broken structure set).
    private func isKnown(_ reference: ArtefactReference) -> Bool {
        switch reference.kind {
        case .dataflow: catalog.dataflow(reference) != nil
        case .dataStructure: catalog.dataStructure(reference) != nil
        default: false
        }
    }
}
