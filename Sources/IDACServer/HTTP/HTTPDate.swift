import AllianceRepository
import Foundation

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

    var text: String { Self.formatter().string(from: date) }

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
