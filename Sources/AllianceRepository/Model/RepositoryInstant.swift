import Foundation
import SDMXModel

/// Times as the repository keeps them: UTC, with milliseconds (`2025-03-31T23:59:59.999Z`), so that their
/// text sorts as the instants do, which as-of reads rely on.
public enum RepositoryInstant {
    /// Reads an as-of time a user gave: an ISO 8601 date (meaning the end of that day, UTC) or date-time
    /// (`T` or a space; seconds and fractions optional; `Z` or an offset such as `+03:00`, UTC when none),
    /// as the instant it names, in the repository's form. Anything else, or a date that does not exist
    /// (`2025-13-45`, `2025-02-30`), is an error naming the value.
    public static func asOf(parsing text: String) throws -> String {
        guard let date = instant(text) else {
            throw SDMXError(
                .invalidStructure,
                "'\(text)' is not an ISO 8601 date or date-time: write 2025-03-31 (the end "
                    + "of that day, UTC), 2025-03-31T12:00:00Z or 2025-03-31T15:00:00+03:00")
        }
        return format(date)
    }

    /// The instant in the repository's form.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The instant an ISO 8601 date or date-time names, read as ``asOf(parsing:)`` describes; nil when it is not one.
    public static func instant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ bytes[$0] >= 48 && bytes[$0] <= 57 }) else {
                return nil
            }
            return range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) }
        }
        func byte(_ index: Int, is expected: Character) -> Bool {
            index < bytes.count && bytes[index] == expected.asciiValue
        }
        guard bytes.count >= 10, let year = number(0..<4), byte(4, is: "-"), let month = number(5..<7),
            byte(7, is: "-"),
            let day = number(8..<10)
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        var offsetSeconds = 0
        var millisecond = 0
        if bytes.count == 10 {
            // A date alone means its end: as of 2025-03-31 includes that day's transmissions.
            (components.hour, components.minute, components.second) = (23, 59, 59)
            millisecond = 999
        } else {
            guard byte(10, is: "T") || byte(10, is: "t") || byte(10, is: " "), let hour = number(11..<13),
                byte(13, is: ":"),
                let minute = number(14..<16)
            else { return nil }
            var index = 16
            var second = 0
            if byte(index, is: ":") {
                guard let value = number(index + 1..<index + 3) else { return nil }
                second = value
                index += 3
                if byte(index, is: ".") || byte(index, is: ",") {
                    var end = index + 1
                    while end < bytes.count, bytes[end] >= 48, bytes[end] <= 57 { end += 1 }
                    guard end > index + 1 else { return nil }
                    let digits = Array(bytes[(index + 1)..<min(end, index + 4)]) + Array(repeating: UInt8(48), count: 3)
                    millisecond = digits.prefix(3).reduce(0) { $0 * 10 + Int($1 - 48) }
                    index = end
                }
            }
            if index == bytes.count {
                offsetSeconds = 0
            } else if (byte(index, is: "Z") || byte(index, is: "z")) && index + 1 == bytes.count {
                offsetSeconds = 0
            } else if byte(index, is: "+") || byte(index, is: "-") {
                let sign = byte(index, is: "-") ? -1 : 1
                guard let hours = number(index + 1..<index + 3) else { return nil }
                var minutes = 0
                var end = index + 3
                if byte(end, is: ":") {
                    guard let value = number(end + 1..<end + 3) else { return nil }
                    minutes = value
                    end += 3
                } else if let value = number(end..<end + 2) {
                    minutes = value
                    end += 2
                }
                guard end == bytes.count, hours <= 14, minutes < 60 else { return nil }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            } else {
                return nil
            }
            guard hour < 24, minute < 60, second < 60 else { return nil }
            (components.hour, components.minute, components.second) = (hour, minute, second)
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        guard (1...12).contains(month), let date = calendar.date(from: components) else { return nil }
        // Reject dates the calendar would roll over (2025-02-30 becoming 2025-03-02).
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date.addingTimeInterval(Double(millisecond) / 1000 - Double(offsetSeconds))
    }
}
