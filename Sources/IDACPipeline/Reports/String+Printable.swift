extension String {
    /// The text with control characters (a NUL from a broken file, an escape sequence from a hostile
    /// one) shown as `\u{0}` rather than sent to a terminal or a page.
    var printable: String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
