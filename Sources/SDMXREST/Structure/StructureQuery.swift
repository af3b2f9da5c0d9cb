/// A structure query, as parsed from a request's path and parameters: which artefacts, which of their
/// references, and how much of each. Parsing is the only place a query's syntax is checked; running it is
/// ``StructureSelection``'s.
public struct StructureQuery: Sendable, Hashable {
    /// Values per path part or parameter above which a query is refused (400): each value costs a pass over
    /// the catalog, and no client sends hundreds.
    public static let maximumValuesPerPart = 200

    /// The API the query came through, which decides its defaults and the status of its errors.
    public var api: APIVersion
    /// The artefact type the path names.
    public var type: StructureType
    /// The maintenance agencies; `nil` for any (`all`, `*` or left out).
    public var agencies: [String]?
    /// The artefact ids; `nil` for any.
    public var ids: [String]?
    /// The versions; any one matching selects the version.
    public var versions: [VersionSelector]
    /// Items of item schemes; `nil` for all of them.
    public var itemIDs: [String]?
    /// Which references to add; several only on 2.x (`references=codelist,conceptscheme`).
    public var references: [StructureReferences]
    /// How much of each artefact to write (`detail`, default `full`).
    public var detail: StructureDetail

    /// A query made in code (the availability answer's, tests'); requests are read with
    /// ``parse(api:segments:parameters:)``.
    public init(
        api: APIVersion, type: StructureType, agencies: [String]? = nil, ids: [String]? = nil,
        versions: [VersionSelector] = [.any(.latest)], itemIDs: [String]? = nil,
        references: [StructureReferences] = [.none], detail: StructureDetail = .full
    ) {
        self.api = api
        self.type = type
        self.agencies = agencies
        self.ids = ids
        self.versions = versions
        self.itemIDs = itemIDs
        self.references = references
        self.detail = detail
    }

    /// Parses a structure query from the path segments after `/rest/` (1.5: `type/agency/id/version/item`)
    /// or after `/rest/v2/` (2.x: `structure/type/agency/id/version/item`), already percent-decoded (a `+`
    /// stays a `+`), and its query parameters. Parts left out take the API's defaults; a trailing empty
    /// segment (a trailing `/`) is ignored. Parameters other than `detail` and `references` are left to the
    /// caller (such as `format`).
    ///
    /// - Throws: ``RESTError`` 400 naming the wrong part; 501 for a type the service does not serve.
    public static func parse(api: APIVersion, segments: [String], parameters: [String: String]) throws
        -> StructureQuery
    {
        var parts = segments[...]
        while parts.last == "" { parts = parts.dropLast() }
        if api == .v2 {
            guard parts.first?.lowercased() == "structure" else {
                throw RESTError.syntax("a 2.x structure query starts with /structure/, not /\(parts.first ?? "")/")
            }
            parts = parts.dropFirst()
        }
        let names = ["type", "agencyID", "resourceID", "version", "itemID"]
        guard let typeText = parts.first else { throw RESTError.syntax("the structure query names no type") }
        guard parts.count <= names.count else {
            throw RESTError.syntax(
                "the structure query has \(parts.count - names.count) path segment(s) after the itemID")
        }
        for (name, part) in zip(names, parts) where part.isEmpty {
            throw RESTError.syntax("the \(name) segment of the path is empty")
        }
        let values = Array(parts)
        var query = StructureQuery(
            api: api, type: try StructureType.parse(typeText, api: api, part: "type"))
        if values.count > 1 { query.agencies = try list(values[1], api: api, part: "agencyID", check: isAgencyID) }
        if values.count > 2 { query.ids = try list(values[2], api: api, part: "resourceID", check: isResourceID) }
        if values.count > 3 { query.versions = try versions(values[3], api: api) }
        if values.count > 4 {
            guard query.type.isItemScheme else {
                throw RESTError.syntax("itemID is only for item schemes, not for \(query.type)")
            }
            query.itemIDs = try list(values[4], api: api, part: "itemID", check: isItemID)
        }
        try query.parseParameters(parameters)
        return query
    }

    private mutating func parseParameters(_ parameters: [String: String]) throws {
        if let text = parameters["detail"] {
            detail = try StructureDetail.parse(text, api: api)
        }
        if let text = parameters["references"] {
            let values = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard values.count <= Self.maximumValuesPerPart else {
                throw RESTError.syntax("references lists more than \(Self.maximumValuesPerPart) values")
            }
            references = try values.map { try StructureReferences.parse($0, api: api) }
        }
    }

    /// A path part of one or several values (`+` on 1.5, `,` on 2.x); `nil` for the "any" keyword.
    private static func list(
        _ text: String, api: APIVersion, part: String, check: (Substring) -> Bool
    ) throws -> [String]? {
        if text == "*" || (api == .v1 && text.lowercased() == "all") { return nil }
        let values = text.split(separator: api == .v1 ? "+" : ",", omittingEmptySubsequences: false)
        guard values.count <= maximumValuesPerPart else {
            throw RESTError.syntax("\(part) lists more than \(maximumValuesPerPart) values")
        }
        for value in values where !check(value) {
            throw RESTError.syntax("\(part) \"\(value.prefix(100))\" is not a valid SDMX identifier")
        }
        return values.map(String.init)
    }

    private static func versions(_ text: String, api: APIVersion) throws -> [VersionSelector] {
        guard api == .v2 else { return try VersionSelector.parseV1(text) }
        let values = text.split(separator: ",", omittingEmptySubsequences: false)
        guard values.count <= maximumValuesPerPart else {
            throw RESTError.syntax("version lists more than \(maximumValuesPerPart) values")
        }
        return try values.map { try VersionSelector.parseV2(String($0)) }
    }

    // MARK: Identifiers (SDMX common:NCNameIDType, IDType, NestedIDType)

    private static func isIDCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_@$-".contains(character))
    }

    private static func isAgencyID(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 255
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { piece in
                piece.first.map { $0.isASCII && $0.isLetter } == true
                    && piece.allSatisfy { isIDCharacter($0) && $0 != "@" && $0 != "$" }
            }
    }

    private static func isResourceID(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 255 && text.allSatisfy(isIDCharacter)
    }

    private static func isItemID(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 255
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isResourceID)
    }
}
