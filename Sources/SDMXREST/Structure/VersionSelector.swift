/// One version a structure query asks for: an exact version, or a wildcard that picks versions of each
/// artefact (1.5's `latest` and `all`; 2.x's `+`, `~`, `*` and their semantic forms such as `1.+.0`, `2.3~`).
public enum VersionSelector: Sendable, Hashable, CustomStringConvertible {
    /// Which of the matching versions a wildcard keeps.
    public enum Operator: Character, Sendable, Hashable {
        /// The latest stable (`+`): no `-EXT` part.
        case latestStable = "+"
        /// The latest, stable or not (`~`; 1.5's `latest`).
        case latest = "~"
        /// Every matching version (`*`; 1.5's `all`).
        case all = "*"
    }

    /// Exactly this version.
    case exact(String)
    /// The operator over every version of the artefact. `+` takes the latest without an extension whose
    /// major part is above 0; legacy `X.Y` versions (all of SDMX 2.1's) count as `X.Y.0`, so sdmx1's
    /// 2.x default `+` finds the Alliance's `1.0` structures.
    case any(Operator)
    /// A semantic wildcard: versions with as many parts as `minimum`, equal to it before `position`,
    /// and at least it from `position` on (`1.2+.0` is `.range(.latestStable, minimum: [1, 2, 0], position: 1)`).
    case range(Operator, minimum: [Int], position: Int)

    /// The selector as a query writes it (`1.0`, `+`, `1.2+.0`).
    public var description: String {
        switch self {
        case .exact(let version): version
        case .any(let op): String(op.rawValue)
        case .range(let op, let minimum, let position):
            minimum.enumerated().map { $0.offset == position ? "\($0.element)\(op.rawValue)" : "\($0.element)" }
                .joined(separator: ".")
        }
    }

    /// The operator deciding which matching versions are kept (`nil` for an exact version).
    var op: Operator? {
        switch self {
        case .exact: nil
        case .any(let op), .range(let op, _, _): op
        }
    }

    /// Whether `version` is among those the selector considers (before keeping only the latest).
    func admits(_ version: String) -> Bool {
        switch self {
        case .exact(let wanted):
            return version == wanted
        case .any(.latestStable):
            guard let parsed = ParsedVersion(version) else { return false }
            return parsed.extension == nil && (parsed.parts.first ?? 0) > 0
        case .any:
            return true
        case .range(let op, let minimum, let position):
            guard let parsed = ParsedVersion(version), parsed.parts.count == minimum.count else { return false }
            if parsed.extension != nil && (op == .latestStable || minimum.count < 3) { return false }
            guard parsed.parts[..<position] == minimum[..<position] else { return false }
            return !Array(parsed.parts[position...]).lexicographicallyPrecedes(Array(minimum[position...]))
        }
    }

    // MARK: Parsing

    /// Parses one 1.5 version value: `latest`, `all`, a version, or several joined by `+` (a lone `+` or
    /// `~`, which pysdmx sends, means the latest; `*` means all).
    static func parseV1(_ text: String) throws -> [VersionSelector] {
        switch text.lowercased() {
        case "latest", "+", "~": return [.any(.latest)]
        case "all", "*": return [.any(.all)]
        default: break
        }
        return try text.split(separator: "+", omittingEmptySubsequences: false).map { part in
            switch part.lowercased() {
            case "latest": return .any(.latest)
            case "all": return .any(.all)
            default:
                guard isVersionText(part) else { throw RESTError.syntax("version \"\(text)\" is not a version") }
                return .exact(String(part))
            }
        }
    }

    /// Parses one 2.x version value: `*`, `~`, `+`, an exact version, a semantic wildcard, or several of
    /// them joined by `,` (the caller splits on `,`).
    static func parseV2(_ text: String) throws -> VersionSelector {
        let bad = RESTError.syntax(
            "version \"\(text)\" is not a version, `*`, `~`, `+` or a semantic wildcard such as 1.+.0 or 2.3~")
        if let op = Operator(rawValue: text.first ?? " "), text.count == 1 { return .any(op) }
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(pieces.count) else { throw bad }
        let operators = text.filter { Operator(rawValue: $0) != nil }
        if operators.isEmpty {
            guard isVersionText(text[...]) else { throw bad }
            return .exact(text)
        }
        guard operators.count == 1, let op = Operator(rawValue: operators.first ?? " ") else { throw bad }
        var minimum: [Int] = []
        var position = 0
        var bareBefore = false
        for (index, piece) in pieces.enumerated() {
            let digits = piece.filter { $0 != op.rawValue }
            let hasOperator = digits.count != piece.count
            if hasOperator {
                // The operator ends its part: `1+.0`, not `+1`.
                guard piece.last == op.rawValue else { throw bad }
                position = index
                bareBefore = digits.isEmpty
            } else if bareBefore && digits != "0" {
                throw bad  // `~.2`: a number after a bare wildcard part
            }
            guard digits.isEmpty || isNumber(digits) else { throw bad }
            minimum.append(Int(digits) ?? 0)
        }
        if op == .latestStable {
            // `+` is for X.Y.Z versions with X above 0: `+.0.0` is `1+.0.0`; `2.3+` (two parts) is unsupported.
            guard minimum.count == 3 else { throw bad }
            if position == 0 { minimum[0] = max(minimum[0], 1) } else if minimum[0] == 0 { throw bad }
        }
        return .range(op, minimum: minimum, position: position)
    }

    private static func isNumber(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 9 && text.allSatisfy { $0.isASCII && $0.isNumber }
            && (text == "0" || text.first != "0")
    }

    /// Version text as SDMX writes it: digits and dots, with an optional `-EXT`.
    private static func isVersionText(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 64 && text.first?.isNumber == true
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
    }
}

/// A version split into its numeric parts and its extension: `1.2.0-draft` is `[1, 2, 0]` and `draft`.
struct ParsedVersion: Comparable {
    var parts: [Int]
    var `extension`: String?

    init?(_ text: String) {
        let dash = text.firstIndex(of: "-")
        let core = dash.map { text[..<$0] } ?? text[...]
        var parts: [Int] = []
        for piece in core.split(separator: ".", omittingEmptySubsequences: false) {
            guard let number = Int(piece), number >= 0 else { return nil }
            parts.append(number)
        }
        self.parts = parts
        self.extension = dash.map { String(text[text.index(after: $0)...]) }
    }

    static func < (lhs: ParsedVersion, rhs: ParsedVersion) -> Bool {
        lhs.parts.lexicographicallyPrecedes(rhs.parts)
    }
}
