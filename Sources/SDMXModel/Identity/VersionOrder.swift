/// Orders SDMX versions (`1.0`, `1.10`, `2.1.0`, `1.0.0-draft`) numerically, part by part.
public enum VersionOrder {
    /// True when `lhs` is an earlier version than `rhs`.
    public static func isEarlier(_ lhs: String, than rhs: String) -> Bool {
        let left = parts(lhs), right = parts(rhs)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : 0
            let r = index < right.count ? right[index] : 0
            if l != r { return l < r }
        }
        return lhs < rhs
    }

    private static func parts(_ version: String) -> [Int] {
        let core = version.split(separator: "-").first ?? ""
        return core.split(separator: ".").map { Int($0) ?? 0 }
    }
}
