import SDMXModel

/// Checks observations against the Allowed content constraints attached to their dataflow or DSD:
/// cube regions (values included or excluded per component, time ranges) and data key sets.
public final class ConstraintChecker: Sendable {
    /// A breach: the component (index in the structure) whose value is not allowed, and why.
    public struct Violation: Sendable {
        /// Where the offending component is in the structure's ``ResolvedStructure/components``.
        public var componentIndex: Int
        /// What is wrong, naming the component, its value and the constraint, for the finding's message.
        public var message: String
    }

    struct Selection: Sendable {
        var componentIndex: Int
        var isIncluded: Bool
        var values: Set<String>
        var timeRange: TimeRangeSelection?
    }

    struct Region: Sendable {
        var constraint: String
        var isIncluded: Bool
        var selections: [Selection]
    }

    struct KeySet: Sendable {
        var constraint: String
        var isIncluded: Bool
        var keys: [[(index: Int, value: String)]]
    }

    private let includedRegions: [Region]
    private let excludedRegions: [Region]
    private let keySets: [KeySet]

    /// Compiles the structure's Allowed constraints (Actual ones restrict nothing); selections of components the
    /// structure lacks are dropped.
    public init(structure: ResolvedStructure) {
        var includedRegions: [Region] = [], excludedRegions: [Region] = [], keySets: [KeySet] = []
        for constraint in structure.constraints where constraint.type == .allowed {
            let name = constraint.reference.description
            for region in constraint.cubeRegions {
                let selections = (region.keyValues + region.attributeValues).compactMap { member -> Selection? in
                    guard let index = structure.index(of: member.componentID) else { return nil }
                    return Selection(
                        componentIndex: index, isIncluded: member.isIncluded, values: Set(member.values),
                        timeRange: member.timeRange)
                }
                guard !selections.isEmpty else { continue }
                let compiled = Region(constraint: name, isIncluded: region.isIncluded, selections: selections)
                if region.isIncluded { includedRegions.append(compiled) } else { excludedRegions.append(compiled) }
            }
            for set in constraint.dataKeySets {
                let keys = set.keys.map { key in
                    key.compactMap { id, value in structure.index(of: id).map { (index: $0, value: value) } }
                        .sorted { $0.index < $1.index }
                }
                keySets.append(KeySet(constraint: name, isIncluded: set.isIncluded, keys: keys))
            }
        }
        self.includedRegions = includedRegions
        self.excludedRegions = excludedRegions
        self.keySets = keySets
    }

    /// Whether no constraint restricts anything, so that observations need no constraint check at all.
    public var isEmpty: Bool { includedRegions.isEmpty && excludedRegions.isEmpty && keySets.isEmpty }

    /// The components any region or key set looks at: an observation whose values there equal
    /// those of one that passed passes too.
    public var componentIndices: [Int] {
        var indices = Set<Int>()
        for region in includedRegions + excludedRegions {
            for selection in region.selections { indices.insert(selection.componentIndex) }
        }
        for set in keySets { for key in set.keys { for part in key { indices.insert(part.index) } } }
        return indices.sorted()
    }

    /// The breaches of one observation, whose values are given by component index (nil: not reported).
    public func violations(_ values: [String?], componentIDs: [String]) -> [Violation] {
        var found: [Violation] = []
        // Included regions: the observation must lie in one of them.
        if !includedRegions.isEmpty {
            var earliest: Violation?
            var inside = false
            for region in includedRegions {
                if let failure = firstFailure(of: region, values, componentIDs) {
                    if earliest == nil { earliest = failure }
                } else {
                    inside = true
                    break
                }
            }
            if !inside, let earliest { found.append(earliest) }
        }
        // Excluded regions: the observation must not lie in any.
        for region in excludedRegions where matches(region, values) {
            guard let selection = region.selections.first(where: { values[$0.componentIndex] != nil }) else { continue }
            let index = selection.componentIndex
            found.append(
                Violation(
                    componentIndex: index,
                    message:
                        "\(componentIDs[index]) '\(values[index] ?? "")' is excluded by constraint \(region.constraint)"
                ))
        }
        for set in keySets {
            let matched = set.keys.contains { key in
                key.allSatisfy { Self.wildcard($0.value) || values[$0.index] == $0.value }
            }
            if set.isIncluded, !matched, let index = set.keys.first?.first?.index {
                found.append(
                    Violation(
                        componentIndex: index,
                        message:
                            "the key is not among those allowed by constraint \(set.constraint) (\(componentIDs[index]) '\(values[index] ?? "")')"
                    ))
            } else if !set.isIncluded, matched, let index = set.keys.first?.first?.index {
                found.append(
                    Violation(
                        componentIndex: index,
                        message:
                            "the key is excluded by constraint \(set.constraint) (\(componentIDs[index]) '\(values[index] ?? "")')"
                    ))
            }
        }
        return found
    }

    /// Whether `value` of one component could pass, whatever the others hold: some included region
    /// admits it, and no excluded region on that component alone holds it (key sets are not
    /// looked at). Suggestions for an invalid code offer only such codes.
    public func mayAllow(_ value: String, componentIndex: Int) -> Bool {
        if !includedRegions.isEmpty {
            let admitted = includedRegions.contains { region in
                region.selections.allSatisfy { $0.componentIndex != componentIndex || Self.satisfies($0, value) }
            }
            if !admitted { return false }
        }
        return !excludedRegions.contains { region in
            region.selections.allSatisfy { selection in
                selection.componentIndex == componentIndex
                    && (selection.values.contains(value)
                        || (selection.timeRange.map { Self.within($0, value) } ?? false))
                        == selection.isIncluded
            }
        }
    }

    private static func wildcard(_ value: String) -> Bool { value == "*" || value == "%" }

    /// The first selection of an included region the observation fails, or nil when it is inside.
    private func firstFailure(of region: Region, _ values: [String?], _ componentIDs: [String]) -> Violation? {
        for selection in region.selections {
            guard let value = values[selection.componentIndex], !value.isEmpty else { continue }
            if Self.satisfies(selection, value) { continue }
            let id = componentIDs[selection.componentIndex]
            let allowed = selection.values.sorted().joined(separator: ", ")
            let detail: String
            if let range = selection.timeRange, selection.values.isEmpty {
                detail = "outside the time range \(Self.describe(range))"
            } else if selection.isIncluded {
                detail = "not allowed (allowed: \(allowed))"
            } else {
                detail = "excluded (\(allowed) are not allowed)"
            }
            return Violation(
                componentIndex: selection.componentIndex,
                message: "\(id) '\(value)' is \(detail) by constraint \(region.constraint)")
        }
        return nil
    }

    /// Whether the observation lies in an excluded region: every selection it reports matches.
    private func matches(_ region: Region, _ values: [String?]) -> Bool {
        var any = false
        for selection in region.selections {
            guard let value = values[selection.componentIndex], !value.isEmpty else { return false }
            let inSelection =
                selection.values.contains(value) || (selection.timeRange.map { Self.within($0, value) } ?? false)
            if inSelection != selection.isIncluded { return false }
            any = true
        }
        return any
    }

    private static func satisfies(_ selection: Selection, _ value: String) -> Bool {
        if let range = selection.timeRange, selection.values.isEmpty {
            return within(range, value) == selection.isIncluded
        }
        return selection.values.contains(value) == selection.isIncluded
    }

    static func within(_ range: TimeRangeSelection, _ value: String) -> Bool {
        guard let period = TimePeriod(value) else { return true }
        if let start = range.start.flatMap(TimePeriod.init) {
            if range.startInclusive ? period.startDay < start.startDay : period.startDay <= start.endDay {
                return false
            }
        }
        if let end = range.end.flatMap(TimePeriod.init) {
            if range.endInclusive ? period.endDay > end.endDay : period.endDay >= end.startDay { return false }
        }
        return true
    }

    private static func describe(_ range: TimeRangeSelection) -> String {
        switch (range.start, range.end) {
        case let (start?, end?): "\(start) to \(end)"
        case let (start?, nil): "from \(start)"
        case let (nil, end?): "up to \(end)"
        default: "given"
        }
    }
}
