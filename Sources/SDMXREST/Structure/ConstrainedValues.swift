import SDMXModel

/// What allowed content constraints leave a component, for `detail=referencepartial` (code lists cut to
/// the codes a dataflow's constraints allow).
enum ConstrainedValues: Equatable {
    /// Only these values.
    case only(Set<String>)
    /// Any value but these.
    case except(Set<String>)

    /// What every allowed constraint leaves the component (each narrows the others); `nil` when none
    /// restricts it.
    static func allowed(for componentID: String, by constraints: [ContentConstraint]) -> ConstrainedValues? {
        var result: ConstrainedValues?
        for constraint in constraints where constraint.type == .allowed {
            guard let values = allowed(for: componentID, by: constraint) else { continue }
            result = result.map { $0.narrowed(by: values) } ?? values
        }
        return result
    }

    /// Both restrictions at once.
    func narrowed(by other: ConstrainedValues) -> ConstrainedValues {
        switch (self, other) {
        case (.only(let a), .only(let b)): .only(a.intersection(b))
        case (.only(let a), .except(let b)), (.except(let b), .only(let a)): .only(a.subtracting(b))
        case (.except(let a), .except(let b)): .except(a.union(b))
        }
    }

    /// The codes of `codelist` kept, with the ancestors of each so that every `Parent` still resolves.
    func codes(of codelist: Codelist) -> Set<String> {
        var kept: Set<String>
        switch self {
        case .only(let values): kept = values.filter { codelist.contains($0) }
        case .except(let values): kept = Set(codelist.codes.map(\.id)).subtracting(values)
        }
        var frontier = Array(kept)
        while let id = frontier.popLast() {
            if let parent = codelist.code(id)?.parentID, kept.insert(parent).inserted { frontier.append(parent) }
        }
        return kept
    }

    /// What one constraint allows: the union over its included cube regions (a region that does not name
    /// the component allows any value) and its included key sets, less what its excluded regions of this one
    /// component name. `nil` when it restricts nothing.
    private static func allowed(for componentID: String, by constraint: ContentConstraint) -> ConstrainedValues? {
        var result: ConstrainedValues?
        let includedRegions = constraint.cubeRegions.filter(\.isIncluded)
        if !includedRegions.isEmpty {
            var union = Set<String>()
            var restricted = true
            for region in includedRegions {
                let selection = (region.keyValues + region.attributeValues).first { $0.componentID == componentID }
                guard let selection, selection.timeRange == nil, selection.isIncluded else {
                    restricted = false
                    break
                }
                union.formUnion(selection.values)
            }
            if restricted { result = .only(union) }
        }
        for keySet in constraint.dataKeySets where keySet.isIncluded && !keySet.keys.isEmpty {
            let values = keySet.keys.compactMap { $0[componentID] }
            guard values.count == keySet.keys.count else { continue }
            result = result.map { $0.narrowed(by: .only(Set(values))) } ?? .only(Set(values))
        }
        for region in constraint.cubeRegions where !region.isIncluded {
            let selections = region.keyValues + region.attributeValues
            if selections.count == 1, let selection = selections.first, selection.componentID == componentID,
                selection.isIncluded, selection.timeRange == nil
            {
                result =
                    result.map { $0.narrowed(by: .except(Set(selection.values))) }
                    ?? .except(Set(selection.values))
            }
        }
        return result
    }
}
