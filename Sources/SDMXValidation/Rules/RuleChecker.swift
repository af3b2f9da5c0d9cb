import SDMXModel
import VTLRules

/// Applies the loaded rulesets that fit a dataset's structure: datapoint rules on each observation
/// as it arrives, hierarchical rules on groups of observations (all other dimensions and the period
/// equal) once the dataset has been read.
final class RuleChecker {
    private let structure: ResolvedStructure
    private var datapoint: [(ruleset: DatapointRuleset, bindings: [String: Int])] = []
    private var hierarchies: [HierarchyAccumulator] = []
    private var temporal: [TemporalConsistencyCheck] = []
    private var numeric: [Bool]
    /// The dimensions and the time dimension, whose values key the cross-observation rules.
    private let keyIndices: [Int]
    private var slotHashes: [Int]

    init(rules: ValidationRules, structure: ResolvedStructure) {
        self.structure = structure
        keyIndices = structure.dimensionIndices + (structure.timeIndex.map { [$0] } ?? [])
        slotHashes = Array(repeating: 0, count: structure.components.count)
        numeric = structure.components.map { component in
            guard component.codelist == nil, let type = component.textFormat?.textType else {
                return component.codelist == nil && component.role == .measure
            }
            return [TextType.decimal, .double, .float, .integer, .long, .short, .bigInteger, .count, .numeric].contains(type)
        }
        temporal = rules.temporal.compactMap { TemporalConsistencyCheck(rule: $0, structure: structure) }
        for loaded in rules.rulesets {
            switch loaded.ruleset {
            case .datapoint(let ruleset):
                var bindings: [String: Int] = [:]
                var complete = true
                for variable in ruleset.variables {
                    guard let index = Self.component(named: variable.name, valueDomain: ruleset.isValueDomainScope, in: structure) else {
                        complete = false
                        break
                    }
                    bindings[variable.alias] = index
                }
                if complete { datapoint.append((ruleset, bindings)) }
            case .hierarchical(let ruleset):
                guard let index = Self.component(named: ruleset.ruleVariable, valueDomain: ruleset.isValueDomainScope, in: structure),
                      structure.components[index].isDimension else { continue }
                var conditions: [String: Int] = [:]
                for variable in ruleset.conditionVariables {
                    if let bound = Self.component(named: variable.name, valueDomain: ruleset.isValueDomainScope, in: structure) {
                        conditions[variable.alias] = bound
                    }
                }
                hierarchies.append(HierarchyAccumulator(loaded: loaded, ruleset: ruleset, ruleIndex: index,
                                                        conditionBindings: conditions, structure: structure))
            }
        }
    }

    var isEmpty: Bool { datapoint.isEmpty && hierarchies.isEmpty && temporal.isEmpty }

    /// A variable-scope name is a component id; a value-domain name is the id of a component's code list.
    static func component(named name: String, valueDomain: Bool, in structure: ResolvedStructure) -> Int? {
        if !valueDomain { return structure.index(of: name) }
        return structure.components.firstIndex { $0.codelist?.reference.id == name } ?? structure.index(of: name)
    }

    func value(_ slots: [String?], _ index: Int) -> VTLValue {
        guard let text = slots[index], !text.isEmpty else { return .null }
        if numeric[index], let number = Double(text) { return .number(number) }
        return .string(text)
    }

    /// Checks the datapoint rules on one observation and files it for the hierarchical rules.
    func observe(_ slots: [String?], line: Int, column: Int, key: String, period: String?, parsedPeriod: TimePeriod?,
                 report: (Finding) -> Void) {
        for (ruleset, bindings) in datapoint {
            let evaluator = VTLEvaluator { alias in bindings[alias].map { self.value(slots, $0) } ?? .null }
            for rule in ruleset.rules {
                if let condition = rule.condition, evaluator.evaluate(condition) != .boolean(true) { continue }
                guard evaluator.evaluate(rule.check) == .boolean(false) else { continue }
                let involved = ruleset.variables.compactMap { variable -> String? in
                    guard let index = bindings[variable.alias] else { return nil }
                    return "\(structure.components[index].id)=\(slots[index].flatMap { $0.isEmpty ? nil : "'\($0)'" } ?? "(empty)")"
                }
                let code = rule.outcome.errorCode.map { " (\($0))" } ?? ""
                let measure = structure.measureIndices.first
                report(Finding(code: .ruleViolation,
                               message: "rule \(ruleset.id).\(rule.name)\(code) fails for series \(key)\(period.map { ", period \($0)" } ?? ""): "
                                   + involved.joined(separator: ", "),
                               line: line, column: column, component: measure.map { structure.components[$0].id },
                               value: measure.flatMap { slots[$0] }, key: key, timePeriod: period))
            }
        }
        let measure = structure.measureIndices.first.flatMap { value(slots, $0).number }
        if !hierarchies.isEmpty || !temporal.isEmpty {
            for index in keyIndices { slotHashes[index] = (slots[index] ?? "").hashValue }
        }
        let isNull = structure.measureIndices.first.map { (slots[$0] ?? "").isEmpty } ?? true
        for hierarchy in hierarchies {
            hierarchy.add(slots, slotHashes: slotHashes, line: line, column: column, value: measure, isNull: isNull)
        }
        for check in temporal {
            check.add(slots, slotHashes: slotHashes, line: line, column: column, value: measure, period: parsedPeriod)
        }
    }

    /// Checks the hierarchical rules over everything the dataset held.
    func finish(report: (Finding) -> Void) {
        for hierarchy in hierarchies { hierarchy.check(report: report) }
        for check in temporal { check.check(report: report) }
    }
}
