/// The first place two versions of one artefact differ, in words (`codes[KE].name: 'Kenya' against
/// 'Kenia'`), so that a conflict between two files says what to look at, not only that they differ.
public enum StructureDifference {
    /// nil when no difference is found (the two are equal).
    public static func first(between lhs: Any, _ rhs: Any) -> String? {
        first(lhs, rhs, path: "", depth: 0)
    }

    private static func first(_ lhs: Any, _ rhs: Any, path: String, depth: Int) -> String? {
        if let left = lhs as? AnyHashable, let right = rhs as? AnyHashable, left == right { return nil }
        let left = Mirror(reflecting: lhs), right = Mirror(reflecting: rhs)
        let name = path.isEmpty ? "content" : path
        guard depth < 16 else { return "\(name) differs" }
        switch left.displayStyle {
        case .collection?:
            let leftItems = Array(left.children), rightItems = Array(right.children)
            for (index, (one, other)) in zip(leftItems, rightItems).enumerated() {
                let item = "\(path)[\(identifier(of: one.value) ?? String(index))]"
                if let found = first(one.value, other.value, path: item, depth: depth + 1) { return found }
            }
            guard leftItems.count != rightItems.count else { return nil }
            let extra = leftItems.count > rightItems.count ? leftItems[rightItems.count] : rightItems[leftItems.count]
            let which = leftItems.count > rightItems.count ? "the first" : "the second"
            return "\(name) has \(leftItems.count) items against \(rightItems.count); "
                + "\(identifier(of: extra.value).map { "'\($0)'" } ?? "an item") is only in \(which)"
        case .struct?, .class?, .tuple?:
            for (one, other) in zip(left.children, right.children) {
                let label = one.label ?? "?"
                if label.hasPrefix("indexBy") { continue }
                let child = path.isEmpty ? label : "\(path).\(label)"
                if let found = first(one.value, other.value, path: child, depth: depth + 1) { return found }
            }
            return nil
        case .optional?:
            if let one = left.children.first?.value, let other = right.children.first?.value {
                return first(one, other, path: path, depth: depth + 1)
            }
            return "\(name): \(shown(lhs)) against \(shown(rhs))"
        default:
            let one = shown(lhs), other = shown(rhs)
            return one == other ? nil : "\(name): \(one) against \(other)"
        }
    }

    /// An item's `id`, to name it in the path.
    private static func identifier(of value: Any) -> String? {
        Mirror(reflecting: value).children.first { $0.label == "id" }?.value as? String
    }

    private static func shown(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return "none" }
            return shown(wrapped)
        }
        let text = String(describing: value)
        return "'" + (text.count > 60 ? text.prefix(57) + "…" : text) + "'"
    }
}
