import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SDMXModel

/// One connection to the PostgreSQL server, used synchronously: the repository's API is called from worker
/// threads (ingest's storing thread, the web service's answer threads), so each call sends its statement
/// through postgres-nio's `EventLoopFuture` interface and waits for the answer with `wait()`. Waiting on an
/// event loop would stop the very loop that must deliver the answer, so a call made on one is refused with
/// an error instead (``requireOffEventLoop()``). Calls are serialised: one statement at a time per connection.
final class PostgresSession: Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    private let lock = NIOLock()
    /// postgres-nio's own logging stays silent: its messages could carry statements' text.
    private static let logger = Logger(label: "idac.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects, or throws an error naming the server and what to check (never the password).
    init(location: PostgresLocation) throws {
        try Self.requireOffEventLoop()
        self.location = location
        var tls: PostgresConnection.Configuration.TLS = .disable
        if location.tls != .disable {
            do {
                let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                tls = location.tls == .require ? .require(context) : .prefer(context)
            } catch {
                throw SDMXError(.unreadableFile, "cannot set up TLS for \(location.server): \(error)")
            }
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1,
                logger: Self.logger
            ).wait()
        } catch {
            throw Self.connectionError(error, location: location)
        }
    }

    /// Closes the connection: waited for off the event loops, only started on one.
    deinit {
        let closing: EventLoopFuture<Void> = connection.close()
        if MultiThreadedEventLoopGroup.currentEventLoop == nil { try? closing.wait() }
    }

    /// The statement's rows, all of them (for statements whose answer is small: use ``cursor(_:_:batch:_:)``
    /// for the rest).
    @discardableResult
    func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [PostgresRow] {
        try lock.withLock { try queryLocked(sql, arguments) }
    }

    /// Runs `body` holding the connection: its statements go through the ``Locked`` handle it is given.
    func withConnection<T>(_ body: (Locked) throws -> T) throws -> T {
        try lock.withLock { try body(Locked(session: self)) }
    }

    /// The connection while ``withConnection(_:)`` holds it.
    struct Locked {
        fileprivate let session: PostgresSession

        @discardableResult
        func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [PostgresRow] {
            try session.queryLocked(sql, arguments)
        }

        /// Runs a statement whose arguments are already bound (arrays, for bulk loads).
        @discardableResult
        func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
            try session.run(query)
        }

        /// Reads a statement's rows through a server-side cursor, `batch` rows at a time, so that memory holds
        /// one batch whatever the answer's size. Must run inside a transaction.
        func cursor(_ sql: String, _ arguments: [SQLValue], batch: Int = 2000, _ body: (PostgresRow) throws -> Void)
            throws
        {
            try session.queryLocked("DECLARE idac_cursor NO SCROLL CURSOR FOR " + sql, arguments)
            while true {
                let rows = try session.queryLocked("FETCH FORWARD \(batch) FROM idac_cursor", [])
                for row in rows { try body(row) }
                if rows.count < batch { break }
            }
            try session.queryLocked("CLOSE idac_cursor", [])
        }

        /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
        func transaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
            try query(begin)
            do {
                let result = try body()
                try query("COMMIT")
                return result
            } catch {
                _ = try? query("ROLLBACK")
                throw error
            }
        }
    }

    private func queryLocked(_ sql: String, _ arguments: [SQLValue]) throws -> [PostgresRow] {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .text(let text): bindings.append(text)
            case .integer(let number): bindings.append(number)
            case .null: bindings.appendNull()
            }
        }
        return Array(try run(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings)).rows)
    }

    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try Self.requireOffEventLoop()
        do {
            return try connection.query(query, logger: Self.logger).wait()
        } catch {
            throw Self.statementError(error, location: location)
        }
    }

    /// The shared SQL's `?` placeholders as PostgreSQL's `$1`, `$2`… (idac's statements hold no `?` in quotes).
    static func numbered(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                out += "$\(number)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A synchronous wait on an event loop would block the loop that must answer it: refused.
    static func requireOffEventLoop() throws {
        if MultiThreadedEventLoopGroup.currentEventLoop != nil {
            throw SDMXError(
                .unreadableFile,
                "the PostgreSQL repository was called from a network event loop thread, where waiting for its "
                    + "answer would stop the loop; call it from a worker thread")
        }
    }

    /// Why a connection failed, naming the server and what to check; never the password.
    static func connectionError(_ error: any Error, location: PostgresLocation) -> SDMXError {
        let server = "the PostgreSQL server at \(location.server)"
        if let psql = error as? PSQLError, let info = psql.serverInfo {
            let message = info[.message] ?? "refused"
            let state = info[.sqlState] ?? ""
            let check: String
            switch state {
            case "28P01", "28000":
                check =
                    "check the user '\(location.user)' and its password (in the URL, PGPASSWORD or ~/.pgpass) "
                    + "and the server's pg_hba.conf"
            case "3D000":
                check = "check the database name, or create it (createdb -O \(location.user) \(location.database))"
            default:
                check = "check the user, password and database in --repository (or IDAC_REPOSITORY)"
            }
            return SDMXError(
                .unreadableFile,
                "\(server) refused the connection to database '\(location.database)' as '\(location.user)': "
                    + "\(message) (SQLSTATE \(state)); \(check)")
        }
        var reason = "\(error)"
        if let psql = error as? PSQLError {
            reason = psql.underlying.map { "\($0)" } ?? "\(psql.code)"
            if psql.code == .authMechanismRequiresPassword {
                return SDMXError(
                    .unreadableFile,
                    "\(server) asks for a password for '\(location.user)' and none was given: put it in the URL, "
                        + "PGPASSWORD or ~/.pgpass")
            }
            if psql.code == .sslUnsupported {
                reason = "the server does not offer TLS, and sslmode=require asks for it"
            }
        }
        if let password = location.password, !password.isEmpty {
            reason = reason.replacingOccurrences(of: password, with: "***")
        }
        return SDMXError(
            .unreadableFile,
            "cannot reach \(server) (\(reason)): check that the server runs and accepts TCP connections there "
                + "(listen_addresses, port, firewall), and the host and port in --repository (or IDAC_REPOSITORY)")
    }

    /// A statement's failure as an error of the run: the server's message, never the statement's arguments.
    static func statementError(_ error: any Error, location: PostgresLocation) -> any Error {
        guard let psql = error as? PSQLError else { return error }
        if let info = psql.serverInfo {
            return SDMXError(
                .unreadableFile,
                "the PostgreSQL repository \(location.description) refused a statement: "
                    + "\(info[.message] ?? "an error") (SQLSTATE \(info[.sqlState] ?? "?"))")
        }
        return SDMXError(
            .unreadableFile,
            "the connection to the PostgreSQL server at \(location.server) failed (\(psql.code)): "
                + "check that the server still runs")
    }
}
