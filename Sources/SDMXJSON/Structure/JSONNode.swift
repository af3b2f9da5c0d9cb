import SDMXModel

/// A part of an artefact's tree with where it is (a path such as `code list A:CL(1.0).codes[3]`, and the
/// artefact's line and column), whose accessors check the JSON type of what the model needs: absent or
/// `null` is nothing, another type than the one expected is an `INVALID_STRUCTURE` error naming the path.
struct JSONNode {
    let value: JSONValue
    let path: String
    let location: SourceLocation

    init(_ value: JSONValue, path: String, location: SourceLocation) {
        self.value = value
        self.path = path
        self.location = location
    }

    func named(_ path: String) -> JSONNode { JSONNode(value, path: path, location: location) }

    func invalid(_ message: String) -> SDMXError {
        SDMXError(.invalidStructure, "invalid SDMX-JSON structure: \(path) \(message)", location: location)
    }

    private func member(_ key: String) -> JSONValue? {
        guard let found = value[key], found != .null else { return nil }
        return found
    }

    private func wrongType(_ key: String, _ expected: String) -> SDMXError {
        invalid("has a '\(key)' that is not \(expected)")
    }

    func string(_ key: String) throws -> String? {
        guard let found = member(key) else { return nil }
        guard case .string(let text) = found else { throw wrongType(key, "a string") }
        return text
    }

    /// A boolean; `"true"` and `"false"` written as strings are taken too.
    func bool(_ key: String) throws -> Bool? {
        switch member(key) {
        case nil: return nil
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw wrongType(key, "true or false")
        }
    }

    /// A number as written; a string is taken as written too (`"unbounded"`, `"10"`).
    func number(_ key: String) throws -> String? {
        switch member(key) {
        case nil: return nil
        case .number(let text), .string(let text): return text
        default: throw wrongType(key, "a number")
        }
    }

    func object(_ key: String) throws -> JSONNode? {
        guard let found = member(key) else { return nil }
        guard case .object = found else { throw wrongType(key, "an object") }
        return JSONNode(found, path: "\(path).\(key)", location: location)
    }

    /// The objects of an array member; absent is none.
    func objects(_ key: String) throws -> [JSONNode] {
        guard let found = member(key) else { return [] }
        guard case .array(let items) = found else { throw wrongType(key, "an array") }
        return try items.enumerated().map { offset, item in
            guard case .object = item else { throw invalid("has a '\(key)' whose item \(offset) is not an object") }
            return JSONNode(item, path: "\(path).\(key)[\(offset)]", location: location)
        }
    }

    /// The strings of an array member; absent is none.
    func strings(_ key: String) throws -> [String] {
        guard let found = member(key) else { return [] }
        guard case .array(let items) = found else { throw wrongType(key, "an array") }
        return try items.map { item in
            guard case .string(let text) = item else { throw invalid("has a '\(key)' holding something not a string") }
            return text
        }
    }

    /// The name in English, else the message's (`name`), else the first language's.
    var name: String {
        if case .object(let names)? = value["names"], let english = names.first(where: { $0.key == "en" }) {
            return english.value.text ?? ""
        }
        if let name = value["name"]?.localised { return name }
        return value["names"]?.localised ?? ""
    }

    /// The members every maintainable artefact has; any other is its body.
    private static let common: Set<String> = [
        "id", "version", "agencyID", "isExternalReference", "isFinal", "validFrom", "validTo", "name", "names",
        "description", "descriptions", "annotations", "links", "isPartial", "serviceURL", "structureURL", "urn",
        "uri",
    ]

    var hasBody: Bool {
        guard case .object(let members) = value else { return false }
        return members.contains { !Self.common.contains($0.key) }
    }

    /// Items of an artefact idac does not model (categories, hierarchical codes…), counted: the objects
    /// with an id in its first array member of such objects.
    var itemCount: Int {
        guard case .object(let members) = value else { return 0 }
        for (key, member) in members where !Self.common.contains(key) {
            let items = member.array.filter { $0["id"] != nil }
            if !items.isEmpty { return items.count }
        }
        return 0
    }
}
