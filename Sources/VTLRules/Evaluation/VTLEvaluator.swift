import Foundation

/// Evaluates VTL expressions over one data point, with VTL's three-valued logic: an operation on
/// null gives null (except `isnull`, `nvl`, and `or`/`and` where the other side decides).
///
/// Rules applied to every observation are compiled once (``CompiledVTLExpression``) and evaluated
/// with ``evaluate(_:values:)``; ``evaluate(_:)`` compiles on the way, for one-off evaluations.
public struct VTLEvaluator {
    /// Gives a variable's value by the name rules use.
    public var lookup: (String) -> VTLValue

    public init(lookup: @escaping (String) -> VTLValue) {
        self.lookup = lookup
    }

    public func evaluate(_ expression: VTLExpression) -> VTLValue {
        var names: [String] = []
        let compiled = CompiledVTLExpression(expression) { name in
            if let known = names.firstIndex(of: name) { return known }
            names.append(name)
            return names.count - 1
        }
        return Self.evaluate(compiled, values: names.map(lookup))
    }

    /// Evaluates a compiled expression; `values` holds the variables at the positions it was compiled with.
    public static func evaluate(_ expression: CompiledVTLExpression, values: [VTLValue]) -> VTLValue {
        switch expression {
        case .constant(let value): return value
        case .variable(let position): return position < values.count ? values[position] : .null
        case .not(let operand):
            guard case .boolean(let flag) = evaluate(operand, values: values) else { return .null }
            return .boolean(!flag)
        case .negate(let operand):
            return evaluate(operand, values: values).number.map { .number(-$0) } ?? .null
        case .binary(let op, let left, let right):
            return binary(op, evaluate(left, values: values), evaluate(right, values: values))
        case .conditional(let condition, let then, let otherwise):
            return evaluate(condition, values: values) == .boolean(true) ? evaluate(then, values: values) : evaluate(otherwise, values: values)
        case .membership(let operand, let set, let negated):
            let value = evaluate(operand, values: values)
            if value.isNull { return .null }
            let found = set.contains { equal(evaluate($0, values: values), value) == true }
            return .boolean(found != negated)
        case .between(let operand, let low, let high):
            guard let value = evaluate(operand, values: values).number, let lower = evaluate(low, values: values).number,
                  let upper = evaluate(high, values: values).number else {
                return .null
            }
            return .boolean(value >= lower && value <= upper)
        case .call(let function, let arguments):
            // One argument (isnull, abs, round(x), …): no argument array to build; functions that
            // read a second argument see none either way.
            if arguments.count == 1 {
                return call(function, first: evaluate(arguments[0], values: values), arguments: [])
            }
            let evaluated = arguments.map { evaluate($0, values: values) }
            return call(function, first: evaluated.first ?? .null, arguments: evaluated)
        }
    }

    private static func binary(_ op: CompiledVTLExpression.Operator, _ left: VTLValue, _ right: VTLValue) -> VTLValue {
        switch op {
        case .and:
            if left == .boolean(false) || right == .boolean(false) { return .boolean(false) }
            if left == .boolean(true), right == .boolean(true) { return .boolean(true) }
            return .null
        case .or:
            if left == .boolean(true) || right == .boolean(true) { return .boolean(true) }
            if left == .boolean(false), right == .boolean(false) { return .boolean(false) }
            return .null
        case .xor:
            guard case .boolean(let a) = left, case .boolean(let b) = right else { return .null }
            return .boolean(a != b)
        case .concat:
            guard case .string(let a) = left, case .string(let b) = right else { return .null }
            return .string(a + b)
        case .equal, .notEqual:
            guard let equal = equal(left, right) else { return .null }
            return .boolean(op == .equal ? equal : !equal)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if let a = left.number, let b = right.number, !isString(left) || !isString(right) {
                return .boolean(compare(op, a, b))
            }
            guard case .string(let a) = left, case .string(let b) = right else { return .null }
            switch op {
            case .less: return .boolean(a < b)
            case .lessOrEqual: return .boolean(a <= b)
            case .greater: return .boolean(a > b)
            default: return .boolean(a >= b)
            }
        case .plus, .minus, .times, .divide:
            guard let a = left.number, let b = right.number else { return .null }
            switch op {
            case .plus: return .number(a + b)
            case .minus: return .number(a - b)
            case .times: return .number(a * b)
            default: return b == 0 ? .null : .number(a / b)
            }
        case .unknown:
            return .null
        }
    }

    private static func isString(_ value: VTLValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    private static func compare(_ op: CompiledVTLExpression.Operator, _ a: Double, _ b: Double) -> Bool {
        switch op {
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        default: a >= b
        }
    }

    /// Equality across representations: `"0"` equals 0 when one side is a number.
    static func equal(_ left: VTLValue, _ right: VTLValue) -> Bool? {
        switch (left, right) {
        case (.null, _), (_, .null): return nil
        case let (.string(a), .string(b)): return a == b
        case let (.boolean(a), .boolean(b)): return a == b
        default:
            guard let a = left.number, let b = right.number else { return false }
            return a == b
        }
    }

    /// `arguments` holds every argument for the functions that take more than one; `first` is the first.
    private static func call(_ function: CompiledVTLExpression.Function, first: VTLValue, arguments: [VTLValue]) -> VTLValue {
        switch function {
        case .isnull: return .boolean(first.isNull)
        case .nvl: return first.isNull ? (arguments.count > 1 ? arguments[1] : .null) : first
        case .abs: return first.number.map { .number(Swift.abs($0)) } ?? .null
        case .ceil: return first.number.map { .number($0.rounded(.up)) } ?? .null
        case .floor: return first.number.map { .number($0.rounded(.down)) } ?? .null
        case .sqrt: return first.number.map { .number($0.squareRoot()) } ?? .null
        case .round, .trunc:
            guard let value = first.number else { return .null }
            let digits = arguments.count > 1 ? (arguments[1].number ?? 0) : 0
            let scale = digits == 0 ? 1 : pow(10, digits)
            let scaled = value * scale
            return .number((function == .round ? scaled.rounded(.toNearestOrAwayFromZero) : scaled.rounded(.towardZero)) / scale)
        case .length:
            guard case .string(let text) = first else { return .null }
            return .number(Double(text.count))
        case .upper, .lower, .trim, .ltrim, .rtrim:
            guard case .string(let text) = first else { return .null }
            switch function {
            case .upper: return .string(text.uppercased())
            case .lower: return .string(text.lowercased())
            default: return .string(text.trimmingCharacters(in: .whitespaces))
            }
        case .matchCharacters:
            guard case .string(let text) = first, arguments.count > 1, case .string(let pattern) = arguments[1],
                  let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return .null }
            return .boolean(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        case .mod:
            guard let a = first.number, arguments.count > 1, let b = arguments[1].number, b != 0 else { return .null }
            return .number(a.truncatingRemainder(dividingBy: b))
        case .power:
            guard let a = first.number, arguments.count > 1, let b = arguments[1].number else { return .null }
            return .number(pow(a, b))
        case .unknown:
            return .null
        }
    }
}
