/// Numbers as SDMX data write them (`-12`, `3.50`, `.5`), read from their bytes: every observation's
/// measure passes through here, where the standard library's general conversion (strtod, for any
/// form of number in any locale's digits) costs more than the rest of the value's checks.
enum DecimalText {
    /// `-12`, `3.50`, `.5`: an optional sign, digits and at most one decimal point.
    static func isDecimal(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isDecimal($0) }
    }

    static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = signLength(bytes)
        var digits = 0, points = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- 48 < 10 { digits += 1 } else if byte == UInt8(ascii: ".") { points += 1 } else { return false }
            index += 1
        }
        return digits > 0 && points <= 1
    }

    /// `-12`, `+7`, `42`: an optional sign and digits.
    static func isInteger(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isInteger($0) }
    }

    static func isInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = signLength(bytes)
        guard index < bytes.count else { return false }
        while index < bytes.count {
            guard bytes[index] &- 48 < 10 else { return false }
            index += 1
        }
        return true
    }

    /// 1 when the text starts with `-` or `+`, else 0.
    @inline(__always)
    private static func signLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = bytes.first else { return 0 }
        return first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? 1 : 0
    }

    /// The number a text writes, as `Double(text)` reads it: decimals of up to 15 significant digits
    /// are read here exactly (an integer below 2^53 divided by a power of ten that is itself exact
    /// rounds once, as the correctly rounded conversion does); anything else goes to `Double(text)`.
    /// Nil for a text whose number is not finite (`1e400`, a 400-digit decimal, `inf`, `nan`): no
    /// check or rule computes with infinity.
    static func value(of text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes in exactValue(of: bytes) } ?? finite(Double(text))
    }

    /// The same from the text's bytes.
    static func value(of bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        exactValue(of: bytes) ?? finite(Double(String(decoding: bytes, as: UTF8.self)))
    }

    @inline(__always)
    private static func finite(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// The longest number surely within a Double's range (below 10^308 whatever its digits): longer
    /// ones are looked at in full (``TextFormatChecker``).
    static let surelyFiniteLength = 300

    /// The number when it is a decimal of up to 15 significant digits; nil for anything else.
    /// Wrapping arithmetic: the digits counted are at most the bytes'.
    private static func exactValue(of bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let count = bytes.count
        let negative = base[0] == UInt8(ascii: "-")
        var index = negative || base[0] == UInt8(ascii: "+") ? 1 : 0
        var mantissa: UInt64 = 0
        var significant = 0, digits = 0
        var point = -1  // where the decimal point is, if any
        while index < count {
            let digit = base[index] &- 48
            if digit < 10 {
                digits &+= 1
                if mantissa != 0 || digit != 0 {  // leading zeros are not significant
                    significant &+= 1
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                }
            } else if base[index] == UInt8(ascii: "."), point < 0 {
                point = index
            } else {
                return nil
            }
            index &+= 1
        }
        // Every byte after the point is a digit.
        let decimals = point < 0 ? 0 : count &- point &- 1
        guard digits > 0, significant <= 15, decimals <= 22 else { return nil }
        let magnitude = decimals == 0 ? Double(mantissa) : Double(mantissa) / exactPowerOfTen(decimals)
        return negative ? -magnitude : magnitude
    }

    /// 10^exponent for an exponent up to 22, exactly: each product is a power of ten that a Double holds.
    @inline(__always)
    private static func exactPowerOfTen(_ exponent: Int) -> Double {
        var power = 1.0
        for _ in 0..<exponent { power *= 10 }
        return power
    }
}
