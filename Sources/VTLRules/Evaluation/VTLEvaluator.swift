import Foundation

/// Evaluates VTL expressions over one data point, with VTL's three-valued logic: an operation on
/// null gives null (except `isnull`, `nvl`, and `or`/`and` where the other side decides).
public struct VTLEvaluator {
    /// Gives a variable's value by the name rules use.
    public var lookup: (String) -> VTLValue

    public init(lookup: @escaping (String) -> VTLValue) {
        self.lookup = lookup
    }

    public func evaluate(_ expression: VTLExpression) -> VTLValue {
        switch expression {
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .boolean(let value): return .boolean(value)
        case .null: return .null
        case .variable(let name): return lookup(name)
        case .unary(let op, let operand):
            let value = evaluate(operand)
            switch (op, value) {
            case ("not", .boolean(let flag)): return .boolean(!flag)
            case ("-", _): return value.number.map { .number(-$0) } ?? .null
            default: return .null
            }
        case .binary(let op, let left, let right):
            return binary(op, evaluate(left), evaluate(right))
        case .conditional(let condition, let then, let otherwise):
            return evaluate(condition) == .boolean(true) ? evaluate(then) : evaluate(otherwise)
        case .membership(let operand, let set, let negated):
            let value = evaluate(operand)
            if value.isNull { return .null }
            let found = set.contains { Self.equal(evaluate($0), value) == true }
            return .boolean(found != negated)
        case .between(let operand, let low, let high):
            guard let value = evaluate(operand).number, let lower = evaluate(low).number, let upper = evaluate(high).number else {
                return .null
            }
            return .boolean(value >= lower && value <= upper)
        case .call(let name, let arguments):
            return call(name, arguments.map(evaluate))
        }
    }

    private func binary(_ op: String, _ left: VTLValue, _ right: VTLValue) -> VTLValue {
        switch op {
        case "and":
            if left == .boolean(false) || right == .boolean(false) { return .boolean(false) }
            if left == .boolean(true), right == .boolean(true) { return .boolean(true) }
            return .null
        case "or":
            if left == .boolean(true) || right == .boolean(true) { return .boolean(true) }
            if left == .boolean(false), right == .boolean(false) { return .boolean(false) }
            return .null
        case "xor":
            guard case .boolean(let a) = left, case .boolean(let b) = right else { return .null }
            return .boolean(a != b)
        case "||":
            guard case .string(let a) = left, case .string(let b) = right else { return .null }
            return .string(a + b)
        case "=", "<>":
            guard let equal = Self.equal(left, right) else { return .null }
            return .boolean(op == "=" ? equal : !equal)
        case "<", "<=", ">", ">=":
            if let a = left.number, let b = right.number, !isString(left) || !isString(right) {
                return .boolean(compare(op, a, b))
            }
            guard case .string(let a) = left, case .string(let b) = right else { return .null }
            return .boolean(op == "<" ? a < b : op == "<=" ? a <= b : op == ">" ? a > b : a >= b)
        case "+", "-", "*", "/":
            guard let a = left.number, let b = right.number else { return .null }
            switch op {
            case "+": return .number(a + b)
            case "-": return .number(a - b)
            case "*": return .number(a * b)
            default: return b == 0 ? .null : .number(a / b)
            }
        default:
            return .null
        }
    }

    private func isString(_ value: VTLValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    private func compare(_ op: String, _ a: Double, _ b: Double) -> Bool {
        switch op {
        case "<": a < b
        case "<=": a <= b
        case ">": a > b
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

    private func call(_ name: String, _ arguments: [VTLValue]) -> VTLValue {
        let first = arguments.first ?? .null
        switch name {
        case "isnull": return .boolean(first.isNull)
        case "nvl": return first.isNull ? (arguments.count > 1 ? arguments[1] : .null) : first
        case "abs": return first.number.map { .number(Swift.abs($0)) } ?? .null
        case "ceil": return first.number.map { .number($0.rounded(.up)) } ?? .null
        case "floor": return first.number.map { .number($0.rounded(.down)) } ?? .null
        case "sqrt": return first.number.map { .number($0.squareRoot()) } ?? .null
        case "round", "trunc":
            guard let value = first.number else { return .null }
            let digits = arguments.count > 1 ? (arguments[1].number ?? 0) : 0
            let scale = pow(10, digits)
            let scaled = value * scale
            return .number((name == "round" ? scaled.rounded(.toNearestOrAwayFromZero) : scaled.rounded(.towardZero)) / scale)
        case "length":
            guard case .string(let text) = first else { return .null }
            return .number(Double(text.count))
        case "upper", "lower", "trim", "ltrim", "rtrim":
            guard case .string(let text) = first else { return .null }
            switch name {
            case "upper": return .string(text.uppercased())
            case "lower": return .string(text.lowercased())
            default: return .string(text.trimmingCharacters(in: .whitespaces))
            }
        case "match_characters":
            guard case .string(let text) = first, arguments.count > 1, case .string(let pattern) = arguments[1],
                  let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return .null }
            return .boolean(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        case "mod":
            guard let a = first.number, arguments.count > 1, let b = arguments[1].number, b != 0 else { return .null }
            return .number(a.truncatingRemainder(dividingBy: b))
        case "power":
            guard let a = first.number, arguments.count > 1, let b = arguments[1].number else { return .null }
            return .number(pow(a, b))
        default:
            return .null
        }
    }
}
