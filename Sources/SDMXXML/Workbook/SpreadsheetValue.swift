#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a cell's stored value becomes the text a reader sees: numbers as the shortest decimal that
/// reads back as the same number (never an exponent), date serials as ISO 8601 dates.
public enum SpreadsheetValue {
    /// `120455`, `0.1`, `0.00001` for the number the cell stores; nil when it is not a number.
    public static func decimal(_ stored: String) -> String? {
        guard let number = Double(stored), number.isFinite else { return nil }
        return plainDecimal(number)
    }

    /// The shortest round-trip digits of `number` written out without an exponent.
    public static func plainDecimal(_ number: Double) -> String {
        if number == 0 { return "0" }
        let shortest = "\(number.magnitude)"  // `123.0`, `1e-05`, `1.2345e+20`
        var mantissa = Substring(shortest), exponent = 0
        if let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = shortest[..<e]
            exponent = Int(shortest[shortest.index(after: e)...]) ?? 0
        }
        var digits = mantissa.filter { $0 != "." }
        let point =
            (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
                ?? mantissa.count) + exponent
        // Leading zeros do not count as digits before the point.
        var position = point
        while digits.first == "0", digits.count > 1 {
            digits.removeFirst()
            position -= 1
        }
        while digits.last == "0", digits.count > max(position, 1) { digits.removeLast() }
        var text: String
        if position <= 0 {
            text = "0." + String(repeating: "0", count: -position) + digits
        } else if position >= digits.count {
            text = digits + String(repeating: "0", count: position - digits.count)
        } else {
            text = String(digits.prefix(position)) + "." + String(digits.dropFirst(position))
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return number < 0 ? "-" + text : text
    }

    /// The date (and time, when the serial has one) a serial number stands for: days since 1900-01-00
    /// with Lotus' 29 February 1900 (serial 60), or since 1904-01-01. Nil outside year 1900 to 9999.
    public static func date(serial: Double, system1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let date: String
        if system1904 {
            date = civil(daysSince1970: days + daysFrom1970(1904, 1, 1))
        } else if days == 60 {
            date = "1900-02-29"  // the day Lotus 1-2-3 (and so Excel) counts, which never was
        } else {
            date = civil(daysSince1970: days + daysFrom1970(1899, 12, days < 60 ? 31 : 30))
        }
        guard seconds > 0 else { return date }
        return date + "T" + twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60) + ":"
            + twoDigits(seconds % 60)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFrom1970(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(daysSince1970 days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    /// Whether a number format shows a date or time: one of Excel's built-in date formats, or a
    /// format code with day, month, year, hour or second placeholders outside quotes and brackets.
    public static func isDateFormat(id: Int, code: String?) -> Bool {
        if let code { return isDateFormatCode(code) }
        return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
            || (71...81).contains(id)
    }

    static func isDateFormatCode(_ code: String) -> Bool {
        var inQuotes = false, inBrackets = false, skipNext = false
        for character in code.lowercased() {
            if skipNext {
                skipNext = false
                continue
            }
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
            if inBrackets {
                if character == "]" { inBrackets = false }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "[": inBrackets = true
            case "\\", "_", "*": skipNext = true
            case "d", "m", "y", "h", "s": return !code.lowercased().hasPrefix("general")
            default: break
            }
        }
        return false
    }
}
