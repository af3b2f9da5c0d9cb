extension VTLProgram {
    /// The rules a datapoint ruleset runs on every observation are mostly one comparison of a
    /// variable with a number (`OBS_VALUE >= 0`), with a rounding of itself
    /// (`OBS_VALUE = round(OBS_VALUE, 0)`), or a test for null: such a program's result, for values
    /// that are numbers, read without the evaluator's general machinery.
    ///
    /// Flat, to run on every observation: the variables (positions below 64) are read from a
    /// caller's array of numbers, with masks saying which positions hold a number and which are
    /// null, so that no ``VTLValue`` is copied or matched.
    /// Inlinable: it runs where the rules run, a few times per observation, and a call that copies
    /// the test out costs more than the test.
    public struct NumericTest: Sendable {
        @usableFromInline
        enum Shape: Sendable {
            /// `left op right`.
            case compare
            /// `left op round(right, digits)` (or `trunc`).
            case compareRounded(truncating: Bool)
            /// `isnull(variable)`: the variable's bit in `nullBit`.
            case isNull
        }

        /// A variable (`position` ≥ 0) or a number (`constant`).
        @usableFromInline
        struct Operand: Sendable {
            @usableFromInline let position: Int
            @usableFromInline let constant: Double

            init?(_ operand: NumericShortcut.Operand) {
                switch operand {
                case .number(let value): (position, constant) = (-1, value)
                case .variable(let position):
                    guard position >= 0, position < 64 else { return nil }
                    (self.position, constant) = (position, 0)
                }
            }

            @inlinable @inline(__always)
            func read(_ numbers: UnsafePointer<Double>) -> Double { position < 0 ? constant : numbers[position] }

            var bit: UInt64 { position < 0 ? 0 : 1 << UInt64(position) }
        }

        @usableFromInline let shape: Shape
        @usableFromInline let op: Operator
        @usableFromInline let left: Operand
        @usableFromInline let right: Operand
        @usableFromInline let digits: Operand?
        /// The positions that must hold numbers for the test to decide.
        @usableFromInline let needsNumbers: UInt64
        @usableFromInline let nullBit: UInt64

        /// The result: nil when a variable it reads does not hold a number (the evaluator then
        /// decides: strings that read as numbers, nulls).
        /// - Parameters:
        ///   - numbers: position `n`'s number, where bit `n` of `numberMask` is set;
        ///   - nullMask: the positions that hold null.
        @inlinable @inline(__always)
        public func evaluate(numbers: UnsafePointer<Double>, numberMask: UInt64, nullMask: UInt64) -> Bool? {
            switch shape {
            case .isNull:
                return nullMask & nullBit != 0
            case .compare:
                guard needsNumbers & ~numberMask == 0 else { return nil }
                return Self.compare(op, left.read(numbers), right.read(numbers))
            case .compareRounded(let truncating):
                guard needsNumbers & ~numberMask == 0 else { return nil }
                let places = digits?.read(numbers) ?? 0
                return Self.compare(
                    op, left.read(numbers),
                    VTLEvaluator.rounded(right.read(numbers), digits: places, function: truncating ? .trunc : .round))
            }
        }

        /// The same over values as the evaluator takes them (positions beyond the values are null).
        public func evaluate(_ values: UnsafeBufferPointer<VTLValue>) -> Bool? {
            var numbers = [Double](repeating: 0, count: 64)
            var numberMask: UInt64 = 0, nullMask: UInt64 = ~0
            for (position, value) in values.prefix(64).enumerated() {
                let bit: UInt64 = 1 << UInt64(position)
                nullMask &= ~bit
                switch value {
                case .number(let number):
                    numbers[position] = number
                    numberMask |= bit
                case .null:
                    nullMask |= bit
                default:
                    break
                }
            }
            return numbers.withUnsafeBufferPointer {
                evaluate(numbers: $0.baseAddress!, numberMask: numberMask, nullMask: nullMask)
            }
        }

        @inlinable @inline(__always)
        static func compare(_ op: Operator, _ a: Double, _ b: Double) -> Bool {
            switch op {
            case .equal: a == b
            case .notEqual: a != b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            default: a >= b
            }
        }

        private static let comparisons: [Operator] = [
            .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual,
        ]

        /// The test a numeric shortcut is, when it is one (comparisons only: arithmetic gives
        /// numbers) and its variables are among the first 64 positions.
        init?(_ shortcut: NumericShortcut) {
            switch shortcut {
            case .binary(let op, let left, let right):
                guard Self.comparisons.contains(op), let left = Operand(left), let right = Operand(right) else {
                    return nil
                }
                (shape, self.op, self.left, self.right, digits) = (.compare, op, left, right, nil)
            case .binaryWithCall(let op, let left, let function, let first, let second):
                guard Self.comparisons.contains(op), function == .round || function == .trunc,
                    let left = Operand(left), let first = Operand(first)
                else { return nil }
                var places: Operand?
                if let second {
                    guard let operand = Operand(second) else { return nil }
                    places = operand
                }
                (shape, self.op, self.left, self.right, digits) = (
                    .compareRounded(truncating: function == .trunc), op, left, first, places
                )
            case .isnull(let position):
                guard position >= 0, position < 64 else { return nil }
                (shape, op, left, right, digits) = (
                    .isNull, .equal, Operand(.variable(position))!, Operand(.number(0))!, nil
                )
            }
            needsNumbers = left.bit | right.bit | (digits?.bit ?? 0)
            if case .isNull = shape { nullBit = left.bit } else { nullBit = 0 }
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
