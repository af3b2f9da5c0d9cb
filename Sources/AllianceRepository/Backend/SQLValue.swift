/// A value bound to a statement's `?`, the same for both backends: each converts it to its driver's form.
enum SQLValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case null

    init(_ text: String?) {
        self = text.map { .text($0) } ?? .null
    }

    init(_ number: Int64?) {
        self = number.map { .integer($0) } ?? .null
    }
}

/// The SQL of the backend a statement is written for, where the two differ.
enum SQLDialect: Sendable {
    /// SQLite: `?` placeholders, `GLOB` patterns.
    case sqlite
    /// PostgreSQL: `$1…` placeholders (rewritten from `?` by ``PostgresSession``), `LIKE` patterns.
    case postgres
}

/// One statement to run and the values for its `?`s, in order.
struct SQLStatement: Sendable {
    var sql: String
    var arguments: [SQLValue]
}
