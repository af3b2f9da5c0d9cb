/// A small JSON tree, for the parts of a message read whole (SDMX-JSON's `meta` and `structure`
/// sections, an observation's multilingual or multi-valued item): never the observations.
public indirect enum JSONValue: Sendable, Equatable {
    /// An object's members, in the order written; a repeated key is kept each time.
    case object([(key: String, value: JSONValue)])
    /// An array's items, in order.
    case array([JSONValue])
    /// A string, its escapes decoded.
    case string(String)
    /// A number as written, so that `1.50` stays `1.50`.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// Equal when of the same case with equal contents: objects member by member in order, numbers by their
    /// text (`1.0` is not `1`).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let left), .object(let right)):
            left.count == right.count && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let left), .array(let right)): left == right
        case (.string(let left), .string(let right)), (.number(let left), .number(let right)): left == right
        case (.bool(let left), .bool(let right)): left == right
        case (.null, .null): true
        default: false
        }
    }

    /// The member `key` of an object (the first, when repeated); nil for anything else.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// An array's items; empty for anything else.
    public var array: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// A string's text, or a number's or boolean's as written.
    public var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    /// A number written as an integer that fits `Int` (`3`, not `3.0` or `3e0`); nil for anything else.
    public var int: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// The text of a localised text object (`{"en": "…", "fr": "…"}`): English, else the first language.
    public var localised: String? {
        guard case .object(let members) = self else { return text }
        return (members.first { $0.key == "en" } ?? members.first)?.value.text
    }
}
