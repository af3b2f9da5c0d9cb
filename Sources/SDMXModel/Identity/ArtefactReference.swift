/// Names a maintainable artefact: `AGENCY:ID(VERSION)` of a given kind.
///
/// A `nil` version means "the latest loaded", as SDMX's `latest`/`+` does.
public struct ArtefactReference: Hashable, Sendable, CustomStringConvertible {
    /// The class of artefact named; part of its identity, so a code list and a DSD of one id differ.
    public var kind: ArtefactKind
    /// The id of the agency that maintains it (`IDAC`, `ECB`).
    public var agencyID: String
    /// Its id, unique within the agency and kind.
    public var id: String
    /// Its version (`1.0`, `2.1.0`); nil for the latest loaded.
    public var version: String?

    /// Makes a reference from its parts, not checked.
    public init(kind: ArtefactKind, agencyID: String, id: String, version: String?) {
        self.kind = kind
        self.agencyID = agencyID
        self.id = id
        self.version = version
    }

    /// `IDAC:DF_CHILD_MIGRATION(1.0)`, the form users type and SDMX-CSV's STRUCTURE_ID uses.
    public var description: String {
        "\(agencyID):\(id)(\(version ?? "latest"))"
    }

    /// The same artefact named without its kind, for comparisons across kinds of reference.
    public var triple: String { "\(agencyID):\(id)(\(version ?? "*"))" }

    /// Parses `AGENCY:ID(VERSION)` or `AGENCY:ID` (latest version); `nil` when malformed.
    public init?(parsing text: String, kind: ArtefactKind) {
        let trimmed = text.trimmingSpaces()
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let agency = String(trimmed[..<colon])
        var rest = trimmed[trimmed.index(after: colon)...]
        var version: String?
        if let open = rest.firstIndex(of: "(") {
            guard rest.hasSuffix(")") else { return nil }
            let inner = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            version = inner.isEmpty || inner == "*" || inner == "latest" || inner == "+" ? nil : String(inner)
            rest = rest[..<open]
        }
        guard !agency.isEmpty, !rest.isEmpty,
            agency.allSatisfy(\.isSDMXIdentifierCharacter),
            rest.allSatisfy(\.isSDMXIdentifierCharacter)
        else { return nil }
        self.init(kind: kind, agencyID: agency, id: String(rest), version: version)
    }

    /// Parses an SDMX URN, `urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=IDAC:DF(1.0)`.
    /// Item URNs (`…Concept=A:CS(1.0).FREQ`) give their maintainable parent; see ``ItemReference``.
    public init?(urn: String) {
        guard let parsed = URNParts(urn) else { return nil }
        self = parsed.maintainable
    }
}

/// Names an item inside a maintainable artefact: a concept of a concept scheme, a code of a code list.
public struct ItemReference: Hashable, Sendable, CustomStringConvertible {
    /// The artefact the item belongs to.
    public var parent: ArtefactReference
    /// The item's id inside it (a concept id, a code).
    public var itemID: String

    /// Makes an item reference.
    public init(parent: ArtefactReference, itemID: String) {
        self.parent = parent
        self.itemID = itemID
    }

    /// `AGENCY:SCHEME(VERSION).ITEM`, as messages print it.
    public var description: String { "\(parent).\(itemID)" }

    /// Parses an item URN, `urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=A:CS(1.0).FREQ`; nil for a URN that names
    /// no item or is malformed.
    public init?(urn: String) {
        guard let parsed = URNParts(urn), let item = parsed.itemID else { return nil }
        self.init(parent: parsed.maintainable, itemID: item)
    }
}

/// The pieces of an SDMX URN.
struct URNParts {
    var maintainable: ArtefactReference
    var itemID: String?

    init?(_ urn: String) {
        let text = urn.trimmingSpaces()
        guard text.hasPrefix("urn:sdmx:org.sdmx.infomodel."), let equals = text.firstIndex(of: "=") else { return nil }
        let classPath = text[..<equals]
        let className = classPath.split(separator: ".").last.map(String.init) ?? ""
        var kind = ArtefactKind(rawValue: className) ?? .other
        switch className {
        case "Concept": kind = .conceptScheme
        case "Code": kind = .codelist
        case "Agency": kind = .agencyScheme
        default: break
        }
        let body = text[text.index(after: equals)...]
        guard let close = body.firstIndex(of: ")") else { return nil }
        guard let reference = ArtefactReference(parsing: String(body[...close]), kind: kind) else { return nil }
        maintainable = reference
        let after = body[body.index(after: close)...]
        itemID = after.hasPrefix(".") ? String(after.dropFirst()) : nil
    }
}

extension Character {
    /// SDMX identifiers: letters, digits, `_`, `-`, `@`, `$` (and `.` in agency ids).
    var isSDMXIdentifierCharacter: Bool {
        isLetter || isNumber || self == "_" || self == "-" || self == "@" || self == "$" || self == "."
    }
}

extension StringProtocol {
    /// Trims ASCII spaces, tabs and line breaks without Foundation.
    public func trimmingSpaces() -> String {
        // Most texts (a million code names) have no space at either end: returned as they are,
        // without walking their characters.
        let isSpaceByte = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        if let text = self as? String, let head = text.utf8.first, let tail = text.utf8.last, !isSpaceByte(head),
            !isSpaceByte(tail)
        {
            return text
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) }) ?? first
        return String(self[first...last])
    }
}
