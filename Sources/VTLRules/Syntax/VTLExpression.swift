/// A VTL expression, as parsed.
public indirect enum VTLExpression: Sendable, Equatable {
    case number(Double)
    case string(String)
    case boolean(Bool)
    case null
    case variable(String)
    case unary(String, VTLExpression)
    case binary(String, VTLExpression, VTLExpression)
    case call(String, [VTLExpression])
    case membership(VTLExpression, [VTLExpression], negated: Bool)
    case between(VTLExpression, VTLExpression, VTLExpression)
    case conditional(VTLExpression, VTLExpression, VTLExpression)
}
