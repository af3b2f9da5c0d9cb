/// A VTL expression made ready for evaluating on many data points: operators and functions
/// resolved to cases once, variables to positions in an array of values, so that evaluating a
/// rule on an observation compares no strings and looks nothing up by name.
public indirect enum CompiledVTLExpression: Sendable {
    public enum Operator: Sendable {
        case and, or, xor, concat, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, plus, minus, times, divide
        case unknown
    }

    public enum Function: Sendable {
        case isnull, nvl, abs, ceil, floor, sqrt, round, trunc, length, upper, lower, trim, ltrim, rtrim, matchCharacters, mod, power
        case unknown
    }

    case constant(VTLValue)
    /// The value at this position of the values evaluation is given.
    case variable(Int)
    case not(CompiledVTLExpression)
    case negate(CompiledVTLExpression)
    case binary(Operator, CompiledVTLExpression, CompiledVTLExpression)
    case call(Function, [CompiledVTLExpression])
    case membership(CompiledVTLExpression, [CompiledVTLExpression], negated: Bool)
    case between(CompiledVTLExpression, CompiledVTLExpression, CompiledVTLExpression)
    case conditional(CompiledVTLExpression, CompiledVTLExpression, CompiledVTLExpression)

    /// Compiles an expression; `position` gives a variable's place in the values, nil for a
    /// variable the data point does not have (it evaluates to null).
    public init(_ expression: VTLExpression, position: (String) -> Int?) {
        switch expression {
        case .number(let value): self = .constant(.number(value))
        case .string(let value): self = .constant(.string(value))
        case .boolean(let value): self = .constant(.boolean(value))
        case .null: self = .constant(.null)
        case .variable(let name): self = position(name).map(CompiledVTLExpression.variable) ?? .constant(.null)
        case .unary(let op, let operand):
            let compiled = CompiledVTLExpression(operand, position: position)
            switch op {
            case "not": self = .not(compiled)
            case "-": self = .negate(compiled)
            case "+": self = .binary(.plus, .constant(.number(0)), compiled)
            default: self = .constant(.null)
            }
        case .binary(let op, let left, let right):
            self = .binary(Self.operators[op] ?? .unknown, CompiledVTLExpression(left, position: position),
                           CompiledVTLExpression(right, position: position))
        case .call(let name, let arguments):
            self = .call(Self.functions[name] ?? .unknown, arguments.map { CompiledVTLExpression($0, position: position) })
        case .membership(let operand, let set, let negated):
            self = .membership(CompiledVTLExpression(operand, position: position),
                               set.map { CompiledVTLExpression($0, position: position) }, negated: negated)
        case .between(let operand, let low, let high):
            self = .between(CompiledVTLExpression(operand, position: position), CompiledVTLExpression(low, position: position),
                            CompiledVTLExpression(high, position: position))
        case .conditional(let condition, let then, let otherwise):
            self = .conditional(CompiledVTLExpression(condition, position: position), CompiledVTLExpression(then, position: position),
                                CompiledVTLExpression(otherwise, position: position))
        }
    }

    private static let operators: [String: Operator] = [
        "and": .and, "or": .or, "xor": .xor, "||": .concat, "=": .equal, "<>": .notEqual, "<": .less, "<=": .lessOrEqual,
        ">": .greater, ">=": .greaterOrEqual, "+": .plus, "-": .minus, "*": .times, "/": .divide,
    ]

    private static let functions: [String: Function] = [
        "isnull": .isnull, "nvl": .nvl, "abs": .abs, "ceil": .ceil, "floor": .floor, "sqrt": .sqrt, "round": .round,
        "trunc": .trunc, "length": .length, "upper": .upper, "lower": .lower, "trim": .trim, "ltrim": .ltrim,
        "rtrim": .rtrim, "match_characters": .matchCharacters, "mod": .mod, "power": .power,
    ]
}
