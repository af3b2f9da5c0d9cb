import AllianceRepository
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP date (`Sun, 06 Dec 2026 10:41:20 GMT`, RFC 9110's IMF-fixdate) for `Last-Modified` and
/// `If-Modified-Since`, from the repository's instants (ISO 8601, UTC).
struct HTTPDate {
    let date: Date

    init?(repositoryInstant text: String) {
        guard let date = RepositoryInstant.instant(text) else { return nil }
        self.date = date
    }

    init?(header text: String) {
        guard let date = Self.formatter().date(from: text) else { return nil }
        self.date = date
    }

    /// Written by hand from the UTC calendar fields: a DateFormatter is made per use (it is not Sendable)
    /// and making one cost a tenth of a small data answer.
    var text: String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(fields.tm_wday)]), \(two(fields.tm_mday)) \(months[Int(fields.tm_mon)]) "
            + "\(fields.tm_year + 1900) \(two(fields.tm_hour)):\(two(fields.tm_min)):\(two(fields.tm_sec)) GMT"
    }

    /// Whether an `If-Modified-Since` date is at or after the repository's last change (compared in
    /// whole seconds, as HTTP dates are).
    static func notModified(since header: String?, lastChange: String?) -> Bool {
        guard let header, let since = HTTPDate(header: header), let lastChange,
            let changed = HTTPDate(repositoryInstant: lastChange)
        else { return false }
        return changed.date.timeIntervalSince1970.rounded(.down) <= since.date.timeIntervalSince1970
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
