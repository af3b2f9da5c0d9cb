/// Small substring helpers that spare the hot paths a Foundation import.
extension String {
    /// The part before the first occurrence of `separator` (the whole string when absent).
    func components(separatedByFirst separator: String) -> String {
        guard let range = range(of: separator) else { return self }
        return String(self[..<range.lowerBound])
    }

    func range(of needle: String) -> Range<String.Index>? {
        guard !needle.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<(self.index(index, offsetBy: needle.count)) }
            index = self.index(after: index)
        }
        return nil
    }
}

/// Qualified names in attribute values (`xsi:type="exr:SiblingGroup"`).
enum XMLQualifiedName {
    /// `SiblingGroup` out of `exr:SiblingGroup`.
    static func localPart(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }
}
