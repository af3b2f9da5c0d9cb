import SDMXModel
import VTLRules

/// Collects, for one hierarchical ruleset, the values of the codes it relates, grouped by every
/// other dimension and the period; then checks each rule on each group with VTL's modes.
final class HierarchyAccumulator {
    struct Group {
        /// The observation's dimension and time values, with the rule variable left out.
        var keyValues: [String?]
        var values: [Double?]
        var lines: [Int32]
        var columns: [Int32]
        var present: [Bool]
    }

    let loaded: LoadedRuleset
    let ruleset: HierarchicalRuleset
    let ruleIndex: Int
    let conditionBindings: [String: Int]
    let structure: ResolvedStructure
    private let codes: [String]
    private let codeIndex: [String: Int]
    private var groupIndex: [String: Int] = [:]
    private var groups: [Group] = []
    private let keyIndices: [Int]

    init(loaded: LoadedRuleset, ruleset: HierarchicalRuleset, ruleIndex: Int, conditionBindings: [String: Int],
         structure: ResolvedStructure) {
        self.loaded = loaded
        self.ruleset = ruleset
        self.ruleIndex = ruleIndex
        self.conditionBindings = conditionBindings
        self.structure = structure
        codes = ruleset.codes
        codeIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        keyIndices = structure.dimensionIndices + (structure.timeIndex.map { [$0] } ?? [])
    }

    func add(_ slots: [String?], line: Int, column: Int, value: Double?, isNull: Bool) {
        guard let code = slots[ruleIndex], let position = codeIndex[code] else { return }
        var key = ""
        for index in keyIndices where index != ruleIndex {
            key += slots[index] ?? ""
            key += "\u{1F}"
        }
        let group: Int
        if let known = groupIndex[key] {
            group = known
        } else {
            group = groups.count
            groupIndex[key] = group
            groups.append(Group(keyValues: keyIndices.map { $0 == ruleIndex ? nil : slots[$0] },
                                values: Array(repeating: nil, count: codes.count),
                                lines: Array(repeating: 0, count: codes.count),
                                columns: Array(repeating: 0, count: codes.count),
                                present: Array(repeating: false, count: codes.count)))
        }
        groups[group].values[position] = isNull ? nil : value
        groups[group].lines[position] = Int32(clamping: line)
        groups[group].columns[position] = Int32(clamping: column)
        groups[group].present[position] = true
    }

    func check(report: (Finding) -> Void) {
        for group in groups {
            let slots = slots(of: group)
            let evaluator = VTLEvaluator { alias in
                guard let index = self.conditionBindings[alias], let text = slots[index], !text.isEmpty else { return .null }
                return Double(text).map(VTLValue.number) ?? .string(text)
            }
            for rule in ruleset.rules {
                if let condition = rule.condition, evaluator.evaluate(condition) != .boolean(true) { continue }
                check(rule, in: group, slots: slots, evaluator: evaluator, report: report)
            }
        }
    }

    /// The group's dimension values laid out as a structure's slots (the rule variable empty).
    private func slots(of group: Group) -> [String?] {
        var slots = [String?](repeating: nil, count: structure.components.count)
        for (position, index) in keyIndices.enumerated() { slots[index] = group.keyValues[position] }
        return slots
    }

    private func check(_ rule: HierarchicalRuleset.Rule, in group: Group, slots: [String?], evaluator: VTLEvaluator,
                       report: (Finding) -> Void) {
        let mode = loaded.mode
        let missingAsZero = mode == .nonZero || mode == .partialZero || mode == .alwaysZero
        guard let totalPosition = codeIndex[rule.code] else { return }
        let items = rule.items.filter { item in item.condition.map { evaluator.evaluate($0) == .boolean(true) } ?? true }
        let itemPositions = items.compactMap { codeIndex[$0.code] }
        let totalPresent = group.present[totalPosition] && group.values[totalPosition] != nil
        let presentItems = itemPositions.filter { group.present[$0] && group.values[$0] != nil }

        switch mode {
        case .nonNull:
            guard totalPresent, presentItems.count == itemPositions.count else { return }
        case .partialNull, .partialZero:
            guard totalPresent, !presentItems.isEmpty else { return }
        case .nonZero:
            let involved = ([totalPosition] + itemPositions).compactMap { group.values[$0] }
            guard involved.contains(where: { $0 != 0 }) else { return }
        case .alwaysNull:
            guard totalPresent else { return }
        case .alwaysZero:
            break
        }
        let total = group.values[totalPosition] ?? (missingAsZero ? 0 : .nan)
        guard !total.isNaN else { return }
        var sum = 0.0
        for (item, position) in zip(items, itemPositions) {
            if let value = group.values[position] { sum += item.sign * value }
        }
        let allowance = loaded.tolerance.allowance(for: total)
        let holds: Bool = switch rule.comparison {
        case "=": Swift.abs(total - sum) <= allowance
        case "<>": Swift.abs(total - sum) > allowance
        case ">=": total >= sum - allowance
        case ">": total > sum - allowance
        case "<=": total <= sum + allowance
        default: total < sum + allowance
        }
        guard !holds else { return }

        let ruleID = structure.components[ruleIndex].id
        let parts = zip(items, itemPositions).map { item, position -> String in
            let sign = item.sign < 0 ? "- " : ""
            guard group.present[position] else { return "\(sign)\(item.code) (not reported)" }
            let value = group.values[position].map(Self.format) ?? "empty"
            return "\(sign)\(item.code) \(value) (line \(group.lines[position]))"
        }
        var keySlots = slots
        keySlots[ruleIndex] = rule.code
        let key = structure.dimensionIndices.map { keySlots[$0] ?? "" }.joined(separator: ".")
        let period = structure.timeIndex.flatMap { slots[$0] }
        let at = group.present[totalPosition] ? totalPosition : (itemPositions.first ?? totalPosition)
        let line = Int(group.lines[at]), column = Int(group.columns[at])
        let code = rule.outcome.errorCode.map { " (\($0))" } ?? ""
        let tolerance = loaded.tolerance == Tolerance() ? "" : ", beyond the tolerance of \(Self.format(allowance.rounded(.down)))"
        report(Finding(code: .ruleViolation,
                       message: "rule \(ruleset.id).\(rule.name)\(code): \(ruleID) \(rule.code) \(group.values[totalPosition].map(Self.format) ?? "(not reported)") "
                           + "\(rule.comparison == "=" ? "≠" : "is not \(rule.comparison)") \(parts.joined(separator: " + ")) = \(Self.format(sum))"
                           + "\(tolerance) (series \(key)\(period.map { ", period \($0)" } ?? ""))",
                       line: line, column: column, component: ruleID, value: rule.code, key: key, timePeriod: period))
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
