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
    /// Missing artefacts already reported (STRUCTURE_INCOMPLETE once per artefact and file).
    private var reportedMissing: Set<String> = []

    init(catalog: StructureCatalog, structureOverride: ArtefactReference?) {
        self.catalog = catalog
        self.structureOverride = structureOverride
    }

    /// The structure of `dataSet`, prepared; nil (and a finding) when it names none or an unknown one.
    /// A structure that lacks code lists or concept schemes is used with what is there, each missing
    /// artefact reported once (STRUCTURE_INCOMPLETE, a warning); with `requiresCompleteStructures`
    /// (`--strict-structures`) it is an error of the run, as is then any broken structure set.
    mutating func resolve(_ dataSet: DataSetStart, into collector: inout FindingCollector) throws -> Prepared? {
        if let dangling = dataSet.dangling, structureOverride == nil {
            let declared =
                dangling.declared.isEmpty
                ? "the header declares no Structure"
                : "the header declares " + dangling.declared.map { "'\($0)'" }.joined(separator: ", ")
            let fallback = dangling.fallback.map { "; its only structure, \($0), is used" } ?? ""
            collector.add(
                Finding(
                    code: .unknownStructure, severity: dangling.fallback == nil ? .error : .warning,
                    message: "the dataset's structureRef '\(dangling.structureRef)' matches no Structure of the "
                        + "message header (\(declared))\(fallback); make them agree, or give --dataflow",
                    line: dataSet.position.line, column: dataSet.position.column, value: dangling.structureRef))
            if dangling.fallback == nil { return nil }
        }
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
        if let cached = prepared[key] {
            reportMissing(cached.structure, at: dataSet.position, into: &collector)
            return cached
        }
        let strict = catalog.requiresCompleteStructures
        do {
            let made = Prepared(try catalog.resolve(reference, allowIncomplete: !strict))
            prepared[key] = made
            reportMissing(made.structure, at: dataSet.position, into: &collector)
            return made
        } catch let error as SDMXError where error.code == .unresolvedReference && (!strict || !isKnown(reference)) {
            let message: String
            if isKnown(reference) {
                // The artefact is loaded but cannot be used (a stub, a dataflow whose DSD is absent).
                message = error.message
            } else {
                let known = catalog.structureNames.prefix(8).joined(separator: ", ")
                message =
                    "\(reference.kind.displayName) \(reference) is not among the loaded structures"
                    + (known.isEmpty ? "" : " (loaded: \(known))")
                    + "; check the name, or load its structure with --structure"
            }
            unresolvable[key] = message
            collector.add(
                Finding(
                    code: .unknownStructure, message: message, line: dataSet.position.line,
                    column: dataSet.position.column, value: reference.description))
            return nil
        }
    }

    /// STRUCTURE_INCOMPLETE for each artefact the structure lacks, once per file.
    private mutating func reportMissing(
        _ structure: ResolvedStructure, at position: DataPosition, into collector: inout FindingCollector
    ) {
        for absent in structure.missing {
            let name = "\(absent.reference.kind.rawValue)|\(absent.reference)|\(absent.owner)"
            guard reportedMissing.insert(name).inserted else { continue }
            let ids = absent.componentIDs
            collector.add(
                Finding(
                    code: .structureIncomplete, severity: .warning,
                    message: "\(absent.reference.kind.displayName) \(absent.reference), needed by \(absent.owner), "
                        + "is not among the loaded structures; \(ids.count == 1 ? "component" : "components") "
                        + "\(ids.joined(separator: ", ")) left unchecked, the rest checked; load the file that "
                        + "defines it with --structure (--strict-structures refuses incomplete structures)",
                    line: position.line, column: position.column, component: ids.joined(separator: ","),
                    value: absent.reference.description))
        }
    }

    /// Whether the artefact itself is loaded (so a failure lies deeper, in a broken structure set).
    private func isKnown(_ reference: ArtefactReference) -> Bool {
        switch reference.kind {
        case .dataflow:
            // `--dataflow` may name a DSD.
            catalog.dataflow(reference) != nil
                || catalog.dataStructure(
                    ArtefactReference(
                        kind: .dataStructure, agencyID: reference.agencyID, id: reference.id,
                        version: reference.version)) != nil
        case .dataStructure: catalog.dataStructure(reference) != nil
        default: false
        }
    }
}
