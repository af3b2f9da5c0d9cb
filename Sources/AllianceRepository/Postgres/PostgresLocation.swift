import Foundation
import SDMXModel

/// A PostgreSQL repository's address: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…&schema=…]`
/// (or `postgresql://`). `schema` keeps the repository in a schema of that name (made when the repository is),
/// so that one database may hold several (a test and a production one); the user's default schema otherwise.
/// A password left out of the URL comes from `PGPASSWORD`, else from `~/.pgpass` (or `PGPASSFILE`), as libpq
/// reads them. The password is never part of ``description``.
struct PostgresLocation: Sendable, CustomStringConvertible {
    /// How the connection is encrypted (libpq's `sslmode`, the verifying forms aside).
    enum TLSMode: String, Sendable {
        /// Never: for a server on this machine or a trusted network.
        case disable
        /// Encrypted when the server offers it, its certificate verified (the default).
        case prefer
        /// Always encrypted, the certificate verified; a server without TLS is refused.
        case require
    }

    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var tls: TLSMode
    /// The schema holding the repository, or nil for the connection's default (`public`).
    var schema: String?

    static func isURL(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// What messages show: the URL without its password.
    var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)" + (schema.map { "?schema=" + $0 } ?? "")
    }

    /// Where the server is, for messages: `HOST:PORT`.
    var server: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Nil when `location` is not a PostgreSQL URL (it is then a SQLite path); an error, naming what is wrong
    /// but never the password, when it is one that cannot be read.
    init?(parsing location: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(location) else { return nil }
        let scheme = location.lowercased().hasPrefix("postgresql://") ? "postgresql://" : "postgres://"
        // URLComponents reads any scheme alike; the scheme is checked above.
        guard let components = URLComponents(string: "postgres://" + location.dropFirst(scheme.count)) else {
            throw SDMXError(
                .unreadableFile,
                "the repository URL is not a valid URL: write postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE "
                    + "(characters such as @ : / in the password percent-encoded)")
        }
        let host = components.host ?? ""
        let database = String(components.path.drop { $0 == "/" })
        guard !host.isEmpty, !database.isEmpty, !database.contains("/") else {
            throw SDMXError(
                .unreadableFile,
                "the repository URL needs a host and a database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.database = database
        port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw SDMXError(.unreadableFile, "the repository URL's port \(port) is not a TCP port (1 to 65535)")
        }
        user = components.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        tls = .prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw SDMXError(
                        .unreadableFile, "the repository URL's sslmode must be disable, prefer or require")
                }
                tls = mode
            case "schema":
                // An identifier written into statements: lower-case letters, digits and _ only.
                guard let name = item.value, (1...63).contains(name.utf8.count),
                    name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }),
                    !(name.utf8.first.map { $0 >= 48 && $0 <= 57 } ?? true)
                else {
                    throw SDMXError(
                        .unreadableFile,
                        "the repository URL's schema must be 1 to 63 lower-case letters, digits and _, "
                            + "starting with a letter or _")
                }
                schema = name
            default:
                throw SDMXError(
                    .unreadableFile,
                    "the repository URL has an option idac does not read ('\(item.name.printableForMessage)'): "
                        + "only sslmode=disable|prefer|require and schema=NAME")
            }
        }
        password =
            components.password ?? environment["PGPASSWORD"]
            ?? Self.passwordFile(environment: environment).flatMap { file in
                Self.password(inPassFile: file, host: self.host, port: port, database: database, user: user)
            }
    }

    /// `PGPASSFILE`, else `~/.pgpass`, when it exists and is readable by its owner only (libpq ignores one
    /// that others may read, and so does idac).
    private static func passwordFile(environment: [String: String]) -> String? {
        let path =
            environment["PGPASSFILE"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
            (attributes[.size] as? Int ?? 0) < 1 << 20
        else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The password of the first `hostname:port:database:username:password` line that matches (`*` matches
    /// anything; `\:` and `\\` are a colon and a backslash).
    static func password(inPassFile text: String, host: String, port: Int, database: String, user: String)
        -> String?
    {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaped = false
            for character in line {
                if escaped {
                    fields[fields.count - 1].append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(character)
                }
            }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}

extension String {
    /// The text with control characters replaced, short enough for a message.
    fileprivate var printableForMessage: String {
        String(String(unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }).prefix(40))
    }
}
