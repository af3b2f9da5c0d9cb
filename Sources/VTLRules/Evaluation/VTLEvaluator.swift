import SDMXBytes
import Foundation

/// Evaluates VTL expressions over one data point, with VTL's three-valued logic: an operation on
/// null gives null (except `isnull`, `nvl`, and `or`/`and` where the other side decides).
///
/// Rules applied to every observation are compiled once (``VTLProgram``) and run with
/// ``evaluate(_:values:)``; ``evaluate(_:)`` compiles on the way, for one-off evaluations.
public struct VTLEvaluator {
    /// Gives a variable's value by the name rules use.
    public var lookup: (String) -> VTLValue

    /// Makes an evaluator that reads variables through `lookup` (null for a name it does not know, as a rule).
    public init(lookup: @escaping (String) -> VTLValue) {
        self.lookup = lookup
    }

    /// Evaluates one expression, compiling it on the way: for one-off evaluations (compile rules run on every
    /// observation once, and use `evaluate(_:values:)`).
    public func evaluate(_ expression: VTLExpression) -> VTLValue {
        var names: [String] = []
        let program = VTLProgram(expression) { name in
            if let known = names.firstIndex(of: name) { return known }
            names.append(name)
            return names.count - 1
        }
        return Self.evaluate(program, values: names.map(lookup))
    }

    /// Runs a compiled expression; `values` holds the variables at the positions it was compiled with.
    public static func evaluate(_ program: VTLProgram, values: [VTLValue]) -> VTLValue {
        values.withUnsafeBufferPointer { evaluate(program, values: $0) }
    }

    /// The same over values kept in a buffer (rules run on every observation keep theirs so).
    public static func evaluate(_ program: VTLProgram, values: UnsafeBufferPointer<VTLValue>) -> VTLValue {
        // Numbers first, then the general shortcut (strings, nulls, other functions), then the stack machine.
        if let numeric = program.numericShortcut, let result = evaluate(numeric, values) { return result }
        if let shortcut = program.shortcut {
            func value(_ operand: VTLProgram.Operand) -> VTLValue {
                switch operand {
                case .variable(let position): position < values.count ? values[position] : .null
                case .constant(let constant): constant
                }
            }
            switch shortcut {
            case .binary(let op, let left, let right): return binary(op, value(left), value(right))
            case .isnull(let operand): return .boolean(value(operand).isNull)
            case .binaryWithCall(let op, let left, let function, let first, let second):
                let result = TemporaryStack<VTLValue>.with(capacity: 2) { arguments in
                    arguments.push(value(first))
                    if let second { arguments.push(value(second)) }
                    return arguments.withTop(arguments.count) { call(function, $0) }
                }
                return binary(op, value(left), result)
            }
        }
        // The stack lives on the machine stack, sized by the program: no array to grow.
        return TemporaryStack<VTLValue>.with(capacity: program.maxDepth) { stack in
            run(program, values: values, stack: &stack)
        }
    }

    private static func run(
        _ program: VTLProgram, values: UnsafeBufferPointer<VTLValue>, stack: inout TemporaryStack<VTLValue>
    ) -> VTLValue {
        let instructions = program.instructions
        var next = 0
        while next < instructions.count {
            let instruction = instructions[next]
            next += 1
            switch instruction {
            case .constant(let index):
                stack.push(program.constants[index])
            case .variable(let position):
                stack.push(position < values.count ? values[position] : .null)
            case .not:
                if case .boolean(let flag) = stack.pop() { stack.push(.boolean(!flag)) } else { stack.push(.null) }
            case .negate:
                stack.push(stack.pop().number.map { .number(-$0) } ?? .null)
            case .binary(let op):
                let right = stack.pop()
                let left = stack.pop()
                stack.push(binary(op, left, right))
            case .call(let function, let count):
                let result = stack.withTop(count) { call(function, $0) }
                stack.removeLast(count)
                stack.push(result)
            case .membership(let count, let negated):
                let start = stack.count - count
                let value = stack[start - 1]
                var result = VTLValue.null
                if !value.isNull {
                    var found = false
                    for index in start..<stack.count where equal(stack[index], value) == true {
                        found = true
                        break
                    }
                    result = .boolean(found != negated)
                }
                stack.removeLast(count + 1)
                stack.push(result)
            case .between:
                let high = stack.pop()
                let low = stack.pop()
                let operand = stack.pop()
                if let value = operand.number, let lower = low.number, let upper = high.number {
                    stack.push(.boolean(value >= lower && value <= upper))
                } else {
                    stack.push(.null)
                }
            case .jumpUnlessTrue(let target):
                if !stack.pop().isTrue { next = target }
            case .jump(let target):
                next = target
            }
        }
        return stack.count > 0 ? stack.pop() : .null
    }

    private static func binary(_ op: VTLProgram.Operator, _ left: VTLValue, _ right: VTLValue) -> VTLValue {
        switch op {
        case .and:
            if left.isFalse || right.isFalse { return .boolean(false) }
            if left.isTrue, right.isTrue { return .boolean(true) }
            return .null
        case .or:
            if left.isTrue || right.isTrue { return .boolean(true) }
            if left.isFalse, right.isFalse { return .boolean(false) }
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

    /// A numeric shortcut's result when its variables hold numbers (nil otherwise: the general way
    /// decides, strings that read as numbers and nulls included).
    @inline(__always)
    private static func evaluate(_ shortcut: VTLProgram.NumericShortcut, _ values: UnsafeBufferPointer<VTLValue>)
        -> VTLValue?
    {
        @inline(__always) func number(_ operand: VTLProgram.NumericShortcut.Operand) -> Double? {
            operand.number(in: values)
        }
        switch shortcut {
        case .binary(let op, let left, let right):
            guard let a = number(left), let b = number(right) else { return nil }
            return numeric(op, a, b)
        case .binaryWithCall(let op, let left, let function, let first, let second):
            guard function == .round || function == .trunc, let a = number(left), let x = number(first) else {
                return nil
            }
            var digits = 0.0
            if let second {
                guard let given = number(second) else { return nil }
                digits = given
            }
            return numeric(op, a, rounded(x, digits: digits, function: function))
        case .isnull(let position):
            return .boolean(position < values.count ? values[position].isNull : true)
        }
    }

    /// `binary` when both sides are numbers, for the operators whose result that decides (nil for the others).
    @inline(__always)
    private static func numeric(_ op: VTLProgram.Operator, _ a: Double, _ b: Double) -> VTLValue? {
        switch op {
        case .equal: .boolean(a == b)
        case .notEqual: .boolean(a != b)
        case .less, .lessOrEqual, .greater, .greaterOrEqual: .boolean(compare(op, a, b))
        case .plus: .number(a + b)
        case .minus: .number(a - b)
        case .times: .number(a * b)
        case .divide: b == 0 ? .null : .number(a / b)
        default: nil
        }
    }

    /// VTL's `round` and `trunc` of a number to `digits` decimals.
    @inlinable
    static func rounded(_ value: Double, digits: Double, function: VTLProgram.Function) -> Double {
        let scale = digits == 0 ? 1 : pow(10, digits)
        let scaled = value * scale
        return (function == .round ? scaled.rounded(.toNearestOrAwayFromZero) : scaled.rounded(.towardZero)) / scale
    }

    private static func isString(_ value: VTLValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    private static func compare(_ op: VTLProgram.Operator, _ a: Double, _ b: Double) -> Bool {
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

    private static func call(_ function: VTLProgram.Function, _ arguments: UnsafeBufferPointer<VTLValue>) -> VTLValue {
        let first = arguments.first ?? .null
        let second = arguments.count > 1 ? arguments[1] : nil
        switch function {
        case .isnull: return .boolean(first.isNull)
        case .nvl: return first.isNull ? (second ?? .null) : first
        case .abs: return first.number.map { .number(Swift.abs($0)) } ?? .null
        case .ceil: return first.number.map { .number($0.rounded(.up)) } ?? .null
        case .floor: return first.number.map { .number($0.rounded(.down)) } ?? .null
        case .sqrt: return first.number.map { .number($0.squareRoot()) } ?? .null
        case .round, .trunc:
            guard let value = first.number else { return .null }
            return .number(rounded(value, digits: second?.number ?? 0, function: function))
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
            guard case .string(let text) = first, case .string(let pattern)? = second,
                let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$")
            else { return .null }
            return .boolean(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        case .mod:
            guard let a = first.number, let b = second?.number, b != 0 else { return .null }
            return .number(a.truncatingRemainder(dividingBy: b))
        case .power:
            guard let a = first.number, let b = second?.number else { return .null }
            return .number(pow(a, b))
        case .unknown:
            return .null
        }
    }
}
