/// A VTL expression, as parsed.
public indirect enum VTLExpression: Sendable, Equatable {
    /// A number literal (`0`, `1.5`).
    case number(Double)
    /// A string literal, without its quotes.
    case string(String)
    /// `true` or `false`.
    case boolean(Bool)
    /// VTL's `null`.
    case null
    /// A name: a component (or the alias the ruleset's signature gives it), looked up per data point.
    case variable(String)
    /// A prefix operator, `not` or `-`, and its operand.
    case unary(String, VTLExpression)
    /// An infix operator as written (`and`, `or`, `xor`, `=`, `<>`, `<`, `<=`, `>`, `>=`, `||`, `+`, `-`, `*`, `/`) and
    /// its two operands.
    case binary(String, VTLExpression, VTLExpression)
    /// A function call, its name lower-cased (`isnull`, `nvl`, `round`, …), and its arguments.
    case call(String, [VTLExpression])
    /// `x in {a, b}` (or `not_in` when `negated`): the operand, then the set's values.
    case membership(VTLExpression, [VTLExpression], negated: Bool)
    /// `between(x, low, high)`: the operand, then the low and high bounds, both inclusive.
    case between(VTLExpression, VTLExpression, VTLExpression)
    /// `if condition then a else b`: the condition, then the two branches.
    case conditional(VTLExpression, VTLExpression, VTLExpression)
}
