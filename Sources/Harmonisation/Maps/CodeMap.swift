/// A code map kept as a plain two-column CSV (`source,target`), so the Secretariat can change it
/// without a release: national or foreign codes on the left, the Alliance's on the right.
public struct CodeMap: Sendable {
    /// The map's file as the user knows it (`maps/area-codes.csv`), for messages naming it.
    public let name: String
    private var targets: [String: String] = [:]
    /// Every mapping in file order, as written (not upper-cased), so that tools can list the map.
    public private(set) var entries: [(source: String, target: String)] = []

    /// Parses the CSV; a line that is not `source,target` is an error naming the map and the line.
    public init(csv text: String, name: String, caseInsensitive: Bool = false) throws {
        self.name = name
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
            if line.isEmpty || (number == 0 && line.lowercased() == "source,target") || line.hasPrefix("#") { continue }
            let parts = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw HarmonisationError(
                    message: "map \(name), line \(number + 1): expected source,target, found '\(line)'")
            }
            let key = caseInsensitive ? parts[0].uppercased() : parts[0]
            targets[key] = parts[1]
            entries.append((parts[0], parts[1]))
        }
        self.caseInsensitive = caseInsensitive
    }

    private var caseInsensitive = false

    /// The code `source` maps to (compared upper-cased when the map is case-insensitive; a source listed twice maps to
    /// its last target); nil when the map does not list it.
    public func target(for source: String) -> String? {
        targets[caseInsensitive ? source.uppercased() : source]
    }
}

/// A map that cannot be used: which one, which line, what is wrong.
public struct HarmonisationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the map and, for a bad line, its number.
    public var message: String
    /// The message, as printed.
    public var description: String { message }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
