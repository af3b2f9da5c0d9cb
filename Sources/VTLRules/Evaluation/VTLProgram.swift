/// A VTL expression made ready for evaluating on many data points: a flat list of instructions for a
/// small value stack, with operators and functions resolved once and variables turned into positions
/// in an array of values. Evaluating a rule on an observation then compares no strings, looks
/// nothing up by name and walks no tree of boxed nodes (whose retains cost more than the arithmetic).
public final class VTLProgram: Sendable {
    /// The infix operators, resolved from their text once at compile time.
    public enum Operator: Sendable {
        /// `and`, `or`, `xor`, `||`, `=`, `<>`, `<`, `<=`, `>`, `>=`, `+`, `-`, `*`, `/`.
        case and, or, xor, concat, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, plus, minus, times,
            divide
        /// An operator text not listed above (the parser makes none): it evaluates to null.
        case unknown
    }

    /// The functions, resolved from their names once at compile time.
    public enum Function: Sendable {
        /// The functions the evaluator implements, named as in VTL (`matchCharacters` is `match_characters`).
        case isnull, nvl, abs, ceil, floor, sqrt, round, trunc, length, upper, lower, trim, ltrim, rtrim,
            matchCharacters, mod, power
        /// A function the parser accepts but the evaluator does not implement (`ln`, `exp`, `substr`, `instr`): it
        /// evaluates to null.
        case unknown
    }

    enum Instruction: Sendable {
        case constant(Int)
        case variable(Int)
        case not
        case negate
        case binary(Operator)
        case call(Function, arguments: Int)
        /// Pops the set's values, then the operand.
        case membership(count: Int, negated: Bool)
        /// Pops the high bound, the low bound, then the operand.
        case between
        /// Pops the condition; goes to the target unless it is true.
        case jumpUnlessTrue(Int)
        case jump(Int)
    }

    /// A value an operation reads: a variable's position, or a constant.
    enum Operand: Sendable {
        case variable(Int)
        case constant(VTLValue)
    }

    /// Programs of one operation on variables and constants (`OBS_VALUE >= 0`, `isnull(OBS_VALUE)`),
    /// most of the rules that run on every observation, are evaluated without the stack machine.
    enum Shortcut: Sendable {
        case binary(Operator, Operand, Operand)
        case isnull(Operand)
        /// An operand compared with a function of one or two operands (`OBS_VALUE = round(OBS_VALUE, 0)`).
        case binaryWithCall(Operator, Operand, Function, Operand, Operand?)
    }

    /// A shortcut over variables and number constants only (most rules on a measure), in a form that
    /// holds nothing to copy or count: ``VTLEvaluator`` runs it directly when the variables hold numbers.
    public enum NumericShortcut: Sendable {
        /// A value the shortcut reads.
        public enum Operand: Sendable {
            /// The variable at this position of the values.
            case variable(Int)
            /// A number constant.
            case number(Double)
        }
        /// One operator on two operands (`OBS_VALUE >= 0`).
        case binary(Operator, Operand, Operand)
        /// An operand and a function of one or two operands (`OBS_VALUE = round(OBS_VALUE, 0)`).
        case binaryWithCall(Operator, Operand, Function, Operand, Operand?)
        /// `isnull` of the variable at this position.
        case isnull(Int)
    }

    let instructions: [Instruction]
    let constants: [VTLValue]
    let shortcut: Shortcut?
    let numericShortcut: NumericShortcut?
    /// The most values on the stack at once while it runs.
    let maxDepth: Int
    /// The positions of the values it reads, in order: its result depends on nothing else.
    public let variables: [Int]

    /// Compiles an expression; `position` gives a variable's place in the values, nil for a variable
    /// the data point does not have (it evaluates to null).
    public init(_ expression: VTLExpression, position: (String) -> Int?) {
        var builder = Builder()
        builder.emit(expression, position)
        instructions = builder.instructions
        constants = builder.constants
        shortcut = Self.shortcut(builder.instructions, builder.constants)
        numericShortcut = shortcut.flatMap(Self.numeric)
        maxDepth = builder.maxDepth
        variables = builder.instructions.compactMap { instruction -> Int? in
            if case .variable(let position) = instruction { return position }
            return nil
        }.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
    }

    private static func numeric(_ shortcut: Shortcut) -> NumericShortcut? {
        func operand(_ operand: Operand) -> NumericShortcut.Operand? {
            switch operand {
            case .variable(let position): .variable(position)
            case .constant(.number(let value)): .number(value)
            case .constant: nil
            }
        }
        switch shortcut {
        case .binary(let op, let left, let right):
            guard let left = operand(left), let right = operand(right) else { return nil }
            return .binary(op, left, right)
        case .binaryWithCall(let op, let left, let function, let first, let second):
            guard let left = operand(left), let first = operand(first) else { return nil }
            if let second {
                guard let second = operand(second) else { return nil }
                return .binaryWithCall(op, left, function, first, second)
            }
            return .binaryWithCall(op, left, function, first, nil)
        case .isnull(.variable(let position)):
            return .isnull(position)
        case .isnull:
            return nil
        }
    }

    private static func shortcut(_ instructions: [Instruction], _ constants: [VTLValue]) -> Shortcut? {
        func operand(_ instruction: Instruction) -> Operand? {
            switch instruction {
            case .variable(let position): .variable(position)
            case .constant(let index): .constant(constants[index])
            default: nil
            }
        }
        // operand, operand, [operand,] call(f, 1 or 2), binary(op)
        if instructions.count == 4 || instructions.count == 5,
            case .binary(let op) = instructions[instructions.count - 1], op != .unknown,
            case .call(let function, let count) = instructions[instructions.count - 2], function != .unknown,
            count == instructions.count - 3,
            let left = operand(instructions[0]), let first = operand(instructions[1])
        {
            let second = count == 2 ? operand(instructions[2]) : nil
            if count == 1 || second != nil { return .binaryWithCall(op, left, function, first, second) }
        }
        switch instructions.count {
        case 3:
            guard case .binary(let op) = instructions[2], op != .unknown,
                let left = operand(instructions[0]), let right = operand(instructions[1])
            else { return nil }
            return .binary(op, left, right)
        case 2:
            guard case .call(.isnull, arguments: 1) = instructions[1], let argument = operand(instructions[0]) else {
                return nil
            }
            return .isnull(argument)
        default:
            return nil
        }
    }

    /// Compiles the tree into instructions.
    private struct Builder {
        var instructions: [Instruction] = []
        var constants: [VTLValue] = []
        var maxDepth = 0
        var depth = 0

        mutating func constant(_ value: VTLValue) {
            constants.append(value)
            append(.constant(constants.count - 1))
        }

        /// Adds an instruction, following the stack's depth.
        mutating func append(_ instruction: Instruction) {
            switch instruction {
            case .constant, .variable: depth += 1
            case .not, .negate, .jump: break
            case .binary: depth -= 1
            case .call(_, let count): depth += 1 - count
            case .membership(let count, _): depth -= count
            case .between: depth -= 2
            case .jumpUnlessTrue: depth -= 1
            }
            maxDepth = max(maxDepth, depth)
            instructions.append(instruction)
        }

        mutating func emit(_ expression: VTLExpression, _ position: (String) -> Int?) {
            switch expression {
            case .number(let value): constant(.number(value))
            case .string(let value): constant(.string(value))
            case .boolean(let value): constant(.boolean(value))
            case .null: constant(.null)
            case .variable(let name):
                if let index = position(name) { append(.variable(index)) } else { constant(.null) }
            case .unary(let op, let operand):
                switch op {
                case "not":
                    emit(operand, position)
                    append(.not)
                case "-":
                    emit(operand, position)
                    append(.negate)
                case "+":
                    constant(.number(0))
                    emit(operand, position)
                    append(.binary(.plus))
                default:
                    constant(.null)
                }
            case .binary(let op, let left, let right):
                emit(left, position)
                emit(right, position)
                append(.binary(VTLProgram.operators[op] ?? .unknown))
            case .call(let name, let arguments):
                for argument in arguments { emit(argument, position) }
                append(.call(VTLProgram.functions[name] ?? .unknown, arguments: arguments.count))
            case .membership(let operand, let set, let negated):
                emit(operand, position)
                for member in set { emit(member, position) }
                append(.membership(count: set.count, negated: negated))
            case .between(let operand, let low, let high):
                emit(operand, position)
                emit(low, position)
                emit(high, position)
                append(.between)
            case .conditional(let condition, let then, let otherwise):
                emit(condition, position)
                let toOtherwise = instructions.count
                append(.jumpUnlessTrue(0))
                emit(then, position)
                let toEnd = instructions.count
                append(.jump(0))
                instructions[toOtherwise] = .jumpUnlessTrue(instructions.count)
                depth -= 1  // one branch's value or the other's
                emit(otherwise, position)
                instructions[toEnd] = .jump(instructions.count)
            }
        }
    }

    private static let operators: [String: Operator] = [
        "and": .and, "or": .or, "xor": .xor, "||": .concat, "=": .equal, "<>": .notEqual, "<": .less,
        "<=": .lessOrEqual,
        ">": .greater, ">=": .greaterOrEqual, "+": .plus, "-": .minus, "*": .times, "/": .divide,
    ]

    private static let functions: [String: Function] = [
        "isnull": .isnull, "nvl": .nvl, "abs": .abs, "ceil": .ceil, "floor": .floor, "sqrt": .sqrt, "round": .round,
        "trunc": .trunc, "length": .length, "upper": .upper, "lower": .lower, "trim": .trim, "ltrim": .ltrim,
        "rtrim": .rtrim, "match_characters": .matchCharacters, "mod": .mod, "power": .power,
    ]
}
