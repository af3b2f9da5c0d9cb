/// A request the service cannot answer as asked, with the SDMX error code and HTTP status the SDMX REST
/// specification gives it (1.5, "SDMX to HTTP Error Mapping"; 2.x, "Error handling"). Every part of the
/// service throws this, so each failure reaches the client as an SDMX error message with its status.
public struct RESTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The SDMX error code written into the error message (100 no results, 140 syntax, 150 semantic…).
    public var code: Int
    /// The HTTP status of the answer.
    public var status: Int
    /// What was wrong, naming the part of the query, for a person reading the answer.
    public var message: String

    /// An error with any code and status; the named constructors below give the specification's pairs.
    public init(code: Int, status: Int, _ message: String) {
        self.code = code
        self.status = status
        self.message = message
    }

    /// Status, SDMX code and message on one line, for logs and the command line.
    public var description: String { "\(status) (SDMX \(code)): \(message)" }

    /// The query matched nothing (1.5: 404; 2.x: 404 or 204 as the service is configured).
    public static func noResults(_ message: String) -> RESTError { RESTError(code: 100, status: 404, message) }

    /// The query does not follow the API's syntax: a bad path, parameter or value (400).
    public static func syntax(_ message: String) -> RESTError { RESTError(code: 140, status: 400, message) }

    /// The query is well formed but asks for something that cannot be (1.5: 403; 2.x: 422).
    public static func semantic(_ message: String, api: APIVersion) -> RESTError {
        RESTError(code: 150, status: api == .v1 ? 403 : 422, message)
    }

    /// None of the representations the client accepts is offered (406).
    public static func notAcceptable(_ message: String) -> RESTError { RESTError(code: 406, status: 406, message) }

    /// The answer would exceed the service's configured limit: never truncated silently (413).
    public static func tooLarge(_ message: String) -> RESTError { RESTError(code: 510, status: 413, message) }

    /// A standard resource or parameter value the service does not implement (501).
    public static func notImplemented(_ message: String) -> RESTError { RESTError(code: 501, status: 501, message) }
}

/// Which SDMX REST API a request came through: 1.5 at `/rest/`, 2.x at `/rest/v2/`.
public enum APIVersion: Sendable, Equatable {
    /// SDMX REST 1.5, at `/rest/`.
    case v1
    /// SDMX REST 2.x, at `/rest/v2/`.
    case v2
}
