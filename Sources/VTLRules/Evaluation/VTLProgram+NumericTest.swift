extension VTLProgram {
    /// The rules a datapoint ruleset runs on every observation are mostly one comparison of a
    /// variable with a number (`OBS_VALUE >= 0`), with a rounding of itself
    /// (`OBS_VALUE = round(OBS_VALUE, 0)`), or a test for null: such a program's result, for values
    /// that are numbers, in a form that is read without the evaluator's general machinery.
    public enum NumericTest: Sendable {
        /// `left op right`, each side a variable or a number.
        case compare(Operator, NumericShortcut.Operand, NumericShortcut.Operand)
        /// `left op round(first, digits)` (or `trunc`).
        case compareRounded(Operator, NumericShortcut.Operand, truncating: Bool, NumericShortcut.Operand, digits: NumericShortcut.Operand?)
        /// `isnull(variable)`.
        case isNull(Int)

        /// The program's result: nil when a variable it reads does not hold a number (the evaluator
        /// then decides: strings that read as numbers, nulls).
        public func evaluate(_ values: UnsafeBufferPointer<VTLValue>) -> Bool? {
            @inline(__always) func number(_ operand: NumericShortcut.Operand) -> Double? { operand.number(in: values) }
            switch self {
            case .compare(let op, let left, let right):
                guard let a = number(left), let b = number(right) else { return nil }
                return Self.compare(op, a, b)
            case .compareRounded(let op, let left, let truncating, let first, let digits):
                guard let a = number(left), let x = number(first) else { return nil }
                var places = 0.0
                if let digits {
                    guard let given = number(digits) else { return nil }
                    places = given
                }
                return Self.compare(op, a, VTLEvaluator.rounded(x, digits: places, function: truncating ? .trunc : .round))
            case .isNull(let position):
                return position < values.count ? values[position].isNull : true
            }
        }

        @inline(__always)
        private static func compare(_ op: Operator, _ a: Double, _ b: Double) -> Bool {
            switch op {
            case .equal: a == b
            case .notEqual: a != b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            default: a >= b
            }
        }

        private static let comparisons: [Operator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]

        /// The test a numeric shortcut is, when it is one (comparisons only: arithmetic gives numbers).
        init?(_ shortcut: NumericShortcut) {
            switch shortcut {
            case .binary(let op, let left, let right):
                guard Self.comparisons.contains(op) else { return nil }
                self = .compare(op, left, right)
            case .binaryWithCall(let op, let left, let function, let first, let second):
                guard Self.comparisons.contains(op), function == .round || function == .trunc else { return nil }
                self = .compareRounded(op, left, truncating: function == .trunc, first, digits: second)
            case .isnull(let position):
                self = .isNull(position)
            }
        }
    }

    /// The program as a ``NumericTest``, when it is one.
    public var numericTest: NumericTest? { numericShortcut.flatMap(NumericTest.init) }
}

extension VTLProgram.NumericShortcut.Operand {
    /// The operand's number: the constant, or the variable's value when it is a number (nil otherwise).
    @inline(__always)
    func number(in values: UnsafeBufferPointer<VTLValue>) -> Double? {
        switch self {
        case .number(let value): return value
        case .variable(let position):
            guard position < values.count, case .number(let value) = values[position] else { return nil }
            return value
        }
    }
}
