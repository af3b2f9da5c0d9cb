import Foundation

/// Exact arithmetic on decimal numbers as written, so harmonised values carry no binary rounding:
/// `12.4` thousands is `12400`, not `12399.999999999998`.
public enum DecimalArithmetic {
    /// The number times 10^power, or nil when the text is not a plain decimal number.
    public static func shift(_ text: String, by power: Int) -> String? {
        guard let (negative, digits, scale) = parse(text) else { return nil }
        return format(negative: negative, digits: digits, scale: scale - power)
    }

    /// The exact sum of plain decimal numbers (base-10 arithmetic, 38 significant digits).
    public static func sum(_ values: [String]) -> String? {
        var total = Decimal(0)
        for value in values {
            guard parse(value) != nil, let number = Decimal(string: value, locale: posix) else { return nil }
            total += number
        }
        return NSDecimalNumber(decimal: total).description(withLocale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Sign, digits and number of digits after the point; nil unless `-?digits[.digits]`.
    static func parse(_ text: String) -> (Bool, [UInt8], Int)? {
        var negative = false
        var digits: [UInt8] = []
        var scale = 0
        var seenPoint = false
        for (offset, character) in text.enumerated() {
            if offset == 0, character == "-" || character == "+" {
                negative = character == "-"
            } else if character == ".", !seenPoint {
                seenPoint = true
            } else if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(UInt8(digit))
                if seenPoint { scale += 1 }
            } else {
                return nil
            }
        }
        return digits.isEmpty ? nil : (negative, digits, scale)
    }

    static func format(negative: Bool, digits: [UInt8], scale: Int) -> String {
        var digits = digits
        var scale = scale
        if scale < 0 {
            digits += [UInt8](repeating: 0, count: -scale)
            scale = 0
        }
        while digits.count <= scale { digits.insert(0, at: 0) }
        var integer = digits[..<(digits.count - scale)].drop { $0 == 0 }
        if integer.isEmpty { integer = [0] }
        var fraction = Array(digits[(digits.count - scale)...])
        while fraction.last == 0 { fraction.removeLast() }
        let body =
            integer.map(String.init).joined() + (fraction.isEmpty ? "" : "." + fraction.map(String.init).joined())
        return negative && body != "0" ? "-" + body : body
    }
}
