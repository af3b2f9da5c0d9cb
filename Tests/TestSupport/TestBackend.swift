import Foundation
import Testing

/// The repository backends a test runs against: SQLite always, PostgreSQL where `IDAC_TEST_POSTGRES_URL` is
/// set. Parameterise a test with `arguments: TestBackend.all` and open its repository at
/// ``location(in:)``.
///
/// Where no server is given, the PostgreSQL cases are left out, and ``ExternalRequirement/postgres``'s own
/// test (`PostgresRequirementTests`) is skipped saying why; under CI's `IDAC_TESTS_SKIP_NOTHING=1` they run
/// and fail instead.
public enum TestBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    /// The backends to run: PostgreSQL too when its requirement is met.
    public static var all: [TestBackend] { ExternalRequirement.postgres.isMet ? [.sqlite, .postgres] : [.sqlite] }

    /// The test server's URL, where one is given.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["IDAC_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A new, empty repository location for one test: a file in `directory`, or a schema of its own in the
    /// test database (made by the repository when it is first opened to store).
    public func location(in directory: String) throws -> String {
        switch self {
        case .sqlite:
            return directory + "/alliance.sqlite"
        case .postgres:
            guard let url = Self.postgresURL else {
                throw TestBackendError.noServer(ExternalRequirement.postgres.reason)
            }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            return url + (url.contains("?") ? "&" : "?") + "schema=" + schema
        }
    }
}

enum TestBackendError: Error, CustomStringConvertible {
    case noServer(String)
    var description: String {
        switch self {
        case .noServer(let reason): reason
        }
    }
}
