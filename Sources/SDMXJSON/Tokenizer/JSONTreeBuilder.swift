import SDMXModel

/// Builds a ``JSONValue`` from one value's tokens, counting what it keeps against a budget shared
/// by every tree of a message, and leaving out members it is told to skip (names in other languages,
/// annotations: what the reader never looks at).
final class JSONTreeBuilder {
    private var stack:
        [(isObject: Bool, key: String?, members: [(key: String, value: JSONValue)], items: [JSONValue])] =
            []
    private var pendingKey: String?
    private var skipDepth = 0
    private let skipped: Set<String>
    private(set) var result: JSONValue?

    init(skipping skipped: Set<String> = []) {
        self.skipped = skipped
    }

    var isComplete: Bool { result != nil }

    /// Takes the next token; `budget` is lowered for each value kept and must stay positive.
    func take(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, budget: inout Int) -> Bool {
        if skipDepth > 0 {
            switch kind {
            case .beginObject, .beginArray: skipDepth += 1
            case .endObject, .endArray: skipDepth -= 1
            default: break
            }
            return true
        }
        if kind == .key {
            let key = String(decoding: bytes, as: UTF8.self)
            pendingKey = key
            return true
        }
        if let key = pendingKey, skipped.contains(key), stack.last?.isObject == true {
            pendingKey = nil
            if kind == .beginObject || kind == .beginArray { skipDepth = 1 }
            return true
        }
        budget -= 1
        if budget < 0 { return false }
        switch kind {
        case .beginObject, .beginArray:
            stack.append((kind == .beginObject, pendingKey, [], []))
            pendingKey = nil
        case .endObject, .endArray:
            guard let open = stack.popLast() else { return true }
            pendingKey = open.key
            add(open.isObject ? .object(open.members) : .array(open.items))
        case .string: add(.string(String(decoding: bytes, as: UTF8.self)))
        case .number: add(.number(String(decoding: bytes, as: UTF8.self)))
        case .trueValue: add(.bool(true))
        case .falseValue: add(.bool(false))
        case .null: add(.null)
        case .key: break
        }
        return true
    }

    private func add(_ value: JSONValue) {
        let key = pendingKey
        pendingKey = nil
        guard !stack.isEmpty else {
            result = value
            return
        }
        if stack[stack.count - 1].isObject {
            stack[stack.count - 1].members.append((key ?? "", value))
        } else {
            stack[stack.count - 1].items.append(value)
        }
    }
}
