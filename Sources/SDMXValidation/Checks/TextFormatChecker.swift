import Foundation
import SDMXModel

/// Checks an uncoded value against its SDMX text format: the data type, then the facets.
/// Built once per component (the pattern is compiled once) and used for every value.
public final class TextFormatChecker: Sendable {
    /// The format values are checked against.
    public let format: TextFormat
    // NSRegularExpression is immutable once made and documented thread-safe.
    private let pattern: NSRegularExpression?

    /// What the data type asks of a value, decided once: `TextType` is open text (a struct), so a
    /// switch over it compares strings case after case, and this runs for every measure.
    private enum Kind {
        case anything, alpha, alphaNumeric, numeric, integer, decimal, float, boolean, timePeriod
        case gregorianYear, gregorianYearMonth, gregorianDay, dateTime
    }
    private let kind: Kind
    /// Whether the format has facets beyond its type (lengths, a pattern, bounds, decimals).
    private let hasFacets: Bool

    /// Prepares the checks of one format: decides its kind of data type and compiles its pattern, anchored (a pattern
    /// that does not compile checks nothing).
    public init(format: TextFormat) {
        self.format = format
        self.pattern = format.pattern.flatMap { try? NSRegularExpression(pattern: "^(?:\($0))$") }
        kind =
            switch format.textType {
            case .alpha: .alpha
            case .alphaNumeric: .alphaNumeric
            case .numeric: .numeric
            case .integer, .long, .short, .bigInteger, .count: .integer
            case .decimal, .incremental, .inclusiveValueRange, .exclusiveValueRange: .decimal
            case .float, .double: .float
            case .boolean: .boolean
            case .observationalTimePeriod, .standardTimePeriod, .basicTimePeriod, .gregorianTimePeriod,
                .reportingTimePeriod, .timeRange:
                .timePeriod
            case .gregorianYear: .gregorianYear
            case .gregorianYearMonth: .gregorianYearMonth
            case .gregorianDay: .gregorianDay
            case .dateTime: .dateTime
            default: .anything
            }
        hasFacets =
            format.minLength != nil || format.maxLength != nil || pattern != nil || format.pattern != nil
            || format.minValue != nil || format.maxValue != nil || format.decimals != nil
    }

    /// Whether a value given as bytes surely passes, decided without making text of it: true for
    /// the numbers of a measure without facets (every observation's); false means "ask
    /// ``problem(with:)``", which says what is wrong if anything is.
    public func surelyAccepts(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !hasFacets else { return false }
        switch kind {
        case .anything: return true
        case .integer: return DecimalText.isInteger(bytes)
        case .decimal, .float: return bytes.count <= DecimalText.surelyFiniteLength && DecimalText.isDecimal(bytes)
        default: return false
        }
    }

    /// `nil` when the value is fine; otherwise what is wrong, in words.
    public func problem(with value: String) -> String? {
        if let problem = typeProblem(value) { return problem }
        // Counting characters walks grapheme clusters: only done when a length is constrained.
        if format.minLength != nil || format.maxLength != nil {
            let length = value.count
            if let minimum = format.minLength, length < minimum {
                return "is \(length) characters long, shorter than the \(minimum) required"
            }
            if let maximum = format.maxLength, length > maximum {
                return "is \(length) characters long, longer than the \(maximum) allowed"
            }
        }
        if let pattern, pattern.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) == nil {
            return "does not match the pattern \(format.pattern ?? "")"
        }
        if format.minValue != nil || format.maxValue != nil || format.decimals != nil,
            let number = DecimalText.value(of: value)
        {
            if let minimum = format.minValue, number < minimum {
                return "is below the minimum \(formatNumber(minimum))"
            }
            if let maximum = format.maxValue, number > maximum {
                return "is above the maximum \(formatNumber(maximum))"
            }
            if let decimals = format.decimals, let dot = value.firstIndex(of: ".") {
                let digits = value[value.index(after: dot)...].prefix { $0.isNumber }.count
                if digits > decimals { return "has \(digits) decimals, more than the \(decimals) allowed" }
            }
        }
        return nil
    }

    private func formatNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private func typeProblem(_ value: String) -> String? {
        switch kind {
        case .anything:
            return nil
        case .alpha:
            return value.allSatisfy(\.isLetter) ? nil : "is not alphabetic (Alpha)"
        case .alphaNumeric:
            return value.allSatisfy { $0.isLetter || $0.isNumber } ? nil : "is not alphanumeric (AlphaNumeric)"
        case .numeric:
            return !value.isEmpty && value.allSatisfy { $0.isASCII && $0.isNumber }
                ? nil : "is not a string of digits (Numeric)"
        case .integer:
            return DecimalText.isInteger(value) ? nil : "is not a whole number (\(format.textType))"
        case .decimal:
            guard DecimalText.isDecimal(value) else {
                return
                    "is not a decimal number (\(format.textType)); write it like 1234.5, with a point and no thousands separator"
            }
            return Self.magnitudeProblem(value)
        case .float:
            // XML Schema's INF and NaN are no figures to store or add up.
            guard DecimalText.isDecimal(value) || Self.isExponential(value) else {
                return "is not a finite number (\(format.textType))"
            }
            return Self.magnitudeProblem(value)
        case .boolean:
            return ["true", "false", "1", "0"].contains(value) ? nil : "is not true or false (Boolean)"
        case .timePeriod:
            return TimePeriod(value) == nil ? "is not an SDMX time period (\(format.textType))" : nil
        case .gregorianYear:
            if case .year = TimePeriod(value) { return nil }
            return "is not a year such as 2024 (GregorianYear)"
        case .gregorianYearMonth:
            if case .yearMonth = TimePeriod(value) { return nil }
            return "is not a year and month such as 2024-07 (GregorianYearMonth)"
        case .gregorianDay:
            if case .day = TimePeriod(value) { return nil }
            return "is not a date such as 2024-07-15 (GregorianDay)"
        case .dateTime:
            switch TimePeriod(value) {
            case .dateTime, .day: return nil
            default: return "is not a date-time such as 2024-07-15T10:30:00 (DateTime)"
            }
        }
    }

    /// A number beyond a Double's range (about 1.8e308) would be read as infinity by every check and rule.
    private static func magnitudeProblem(_ value: String) -> String? {
        guard value.utf8.count > 20 || value.contains(where: { $0 == "e" || $0 == "E" }) else { return nil }
        return DecimalText.value(of: value) == nil
            ? "is too large a number: its magnitude is beyond about 1.8e308, which idac cannot compute with" : nil
    }

    static func isExponential(_ value: String) -> Bool {
        let parts = value.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false) }
        return parts.count == 2 && DecimalText.isDecimal(String(parts[0])) && DecimalText.isInteger(String(parts[1]))
    }
}
