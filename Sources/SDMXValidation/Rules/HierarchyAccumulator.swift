import SDMXModel
import VTLRules

/// Collects, for one hierarchical ruleset, the values of the codes it relates, grouped by every
/// other dimension and the period; then checks each rule on each group with VTL's modes.
///
/// Memory is what the check needs, kept compact: a group seen with a single code (most groups, when a
/// country reports totals only) is one small entry under a 64-bit hash of its key; only a group with
/// two codes or more, which a rule can compare, gets its values laid out and its key kept as text.
final class HierarchyAccumulator {
    /// A group seen with one code so far.
    struct Single {
        var code: UInt8
        var value: Double
        var line: Int32
        var column: Int32
    }

    let loaded: LoadedRuleset
    let ruleset: HierarchicalRuleset
    let ruleIndex: Int
    let conditionBindings: [String: Int]
    let structure: ResolvedStructure
    private let codes: [String]
    private let codeIndex: [String: Int]
    private let keyIndices: [Int]
    private var singles: [Int: Single] = [:]
    private var multiIndex: [Int: Int] = [:]
    /// Per multi-code group, `codes.count` entries each: the value (NaN when reported empty), the
    /// line (0 when the code was not reported) and the column.
    private var values: [Double] = []
    private var lines: [Int32] = []
    private var columns: [Int32] = []
    /// Per multi-code group: its dimension and period values, joined by U+001F (rule variable empty).
    private var keys: [String] = []

    init(loaded: LoadedRuleset, ruleset: HierarchicalRuleset, ruleIndex: Int, conditionBindings: [String: Int],
         structure: ResolvedStructure) {
        self.loaded = loaded
        self.ruleset = ruleset
        self.ruleIndex = ruleIndex
        self.conditionBindings = conditionBindings
        self.structure = structure
        codes = Array(ruleset.codes.prefix(255))
        codeIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        keyIndices = structure.dimensionIndices + (structure.timeIndex.map { [$0] } ?? [])
    }

    /// Files one observation. `slotHashes` holds the hash of every slot's value, computed once per
    /// observation for all the rulesets, which each combine those of their own key.
    func add(_ slots: [String?], slotHashes: [Int], line: Int, column: Int, value: Double?, isNull: Bool) {
        guard let code = slots[ruleIndex], let position = codeIndex[code] else { return }
        var hasher = Hasher()
        for index in keyIndices where index != ruleIndex { hasher.combine(slotHashes[index]) }
        let hash = hasher.finalize()
        let number = isNull ? Double.nan : (value ?? .nan)
        if let group = multiIndex[hash] {
            set(group: group, position: position, value: number, line: line, column: column)
            return
        }
        guard let single = singles[hash] else {
            singles[hash] = Single(code: UInt8(position), value: number, line: Int32(clamping: line), column: Int32(clamping: column))
            return
        }
        if Int(single.code) == position {
            singles[hash] = Single(code: UInt8(position), value: number, line: Int32(clamping: line), column: Int32(clamping: column))
            return
        }
        // A second code: the group can be compared, so it gets its full layout and its key.
        singles[hash] = nil
        let group = keys.count
        multiIndex[hash] = group
        keys.append(keyIndices.map { $0 == ruleIndex ? "" : (slots[$0] ?? "") }.joined(separator: "\u{1F}"))
        values.append(contentsOf: repeatElement(.nan, count: codes.count))
        lines.append(contentsOf: repeatElement(0, count: codes.count))
        columns.append(contentsOf: repeatElement(0, count: codes.count))
        set(group: group, position: Int(single.code), value: single.value, line: Int(single.line), column: Int(single.column))
        set(group: group, position: position, value: number, line: line, column: column)
    }

    private func set(group: Int, position: Int, value: Double, line: Int, column: Int) {
        let offset = group * codes.count + position
        values[offset] = value
        lines[offset] = Int32(clamping: line)
        columns[offset] = Int32(clamping: column)
    }

    func check(report: (Finding) -> Void) {
        for group in 0..<keys.count {
            let slots = slots(of: keys[group])
            let evaluator = VTLEvaluator { alias in
                guard let index = self.conditionBindings[alias], let text = slots[index], !text.isEmpty else { return .null }
                return Double(text).map(VTLValue.number) ?? .string(text)
            }
            let base = group * codes.count
            for rule in ruleset.rules {
                if let condition = rule.condition, evaluator.evaluate(condition) != .boolean(true) { continue }
                check(rule, base: base, slots: slots, evaluator: evaluator, report: report)
            }
        }
        // In the modes that count a missing code as zero, a lone total is compared with zero.
        guard [.alwaysZero, .nonZero, .partialZero].contains(loaded.mode) else { return }
        for single in singles.values.sorted(by: { $0.line < $1.line }) {
            let code = codes[Int(single.code)]
            for rule in ruleset.rules where rule.code == code && rule.condition == nil && loaded.mode == .alwaysZero {
                guard !single.value.isNaN, !holds(rule.comparison, total: single.value, sum: 0) else { continue }
                report(Finding(code: .ruleViolation,
                               message: "rule \(ruleset.id).\(rule.name)\(rule.outcome.errorCode.map { " (\($0))" } ?? ""): "
                                   + "\(structure.components[ruleIndex].id) \(code) \(Self.format(single.value)) but none of its parts is reported",
                               line: Int(single.line), column: Int(single.column),
                               component: structure.components[ruleIndex].id, value: code))
            }
        }
    }

    /// The group's dimension values laid out as a structure's slots (the rule variable empty).
    private func slots(of key: String) -> [String?] {
        var slots = [String?](repeating: nil, count: structure.components.count)
        let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        for (position, index) in keyIndices.enumerated() where position < parts.count && index != ruleIndex {
            slots[index] = String(parts[position])
        }
        return slots
    }

    private func holds(_ comparison: String, total: Double, sum: Double) -> Bool {
        let allowance = loaded.tolerance.allowance(for: total)
        switch comparison {
        case "=": return Swift.abs(total - sum) <= allowance
        case "<>": return Swift.abs(total - sum) > allowance
        case ">=": return total >= sum - allowance
        case ">": return total > sum - allowance
        case "<=": return total <= sum + allowance
        default: return total < sum + allowance
        }
    }

    private func check(_ rule: HierarchicalRuleset.Rule, base: Int, slots: [String?], evaluator: VTLEvaluator,
                       report: (Finding) -> Void) {
        let mode = loaded.mode
        let missingAsZero = mode == .nonZero || mode == .partialZero || mode == .alwaysZero
        guard let totalPosition = codeIndex[rule.code] else { return }
        let items = rule.items.filter { item in item.condition.map { evaluator.evaluate($0) == .boolean(true) } ?? true }
        let itemPositions = items.compactMap { codeIndex[$0.code] }
        func reported(_ position: Int) -> Bool { lines[base + position] != 0 }
        func number(_ position: Int) -> Double? {
            let value = values[base + position]
            return reported(position) && !value.isNaN ? value : nil
        }
        let totalPresent = number(totalPosition) != nil
        let presentItems = itemPositions.filter { number($0) != nil }

        switch mode {
        case .nonNull:
            guard totalPresent, presentItems.count == itemPositions.count else { return }
        case .partialNull, .partialZero:
            guard totalPresent, !presentItems.isEmpty else { return }
        case .nonZero:
            guard ([totalPosition] + itemPositions).contains(where: { (number($0) ?? 0) != 0 }) else { return }
        case .alwaysNull:
            guard totalPresent, presentItems.count == itemPositions.count else { return }
        case .alwaysZero:
            break
        }
        guard let total = number(totalPosition) ?? (missingAsZero ? 0 : nil) else { return }
        var sum = 0.0
        for (item, position) in zip(items, itemPositions) {
            if let value = number(position) { sum += item.sign * value }
        }
        guard !holds(rule.comparison, total: total, sum: sum) else { return }

        let ruleID = structure.components[ruleIndex].id
        let parts = zip(items, itemPositions).map { item, position -> String in
            let sign = item.sign < 0 ? "- " : ""
            guard reported(position) else { return "\(sign)\(item.code) (not reported)" }
            let value = number(position).map(Self.format) ?? "empty"
            return "\(sign)\(item.code) \(value) (line \(lines[base + position]))"
        }
        var keySlots = slots
        keySlots[ruleIndex] = rule.code
        let key = structure.dimensionIndices.map { keySlots[$0] ?? "" }.joined(separator: ".")
        let period = structure.timeIndex.flatMap { slots[$0] }
        let at = reported(totalPosition) ? totalPosition : (itemPositions.first { reported($0) } ?? totalPosition)
        let code = rule.outcome.errorCode.map { " (\($0))" } ?? ""
        let allowance = loaded.tolerance.allowance(for: total)
        let tolerance = loaded.tolerance == Tolerance() ? "" : ", beyond the tolerance of \(Self.format(allowance.rounded(.down)))"
        report(Finding(code: .ruleViolation,
                       message: "rule \(ruleset.id).\(rule.name)\(code): \(ruleID) \(rule.code) \(number(totalPosition).map(Self.format) ?? "(not reported)") "
                           + "\(rule.comparison == "=" ? "≠" : "is not \(rule.comparison)") \(parts.joined(separator: " + ")) = \(Self.format(sum))"
                           + "\(tolerance) (series \(key)\(period.map { ", period \($0)" } ?? ""))",
                       line: Int(lines[base + at]), column: Int(columns[base + at]), component: ruleID, value: rule.code,
                       key: key, timePeriod: period))
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
