/// The one escaping for everything idac prints to a terminal or a log: finding lines, summaries, file and
/// zip entry names, log lines and error messages.
///
/// Names and values come from untrusted files (and file names from whoever can write to an inbox): an
/// escape sequence would retitle or clear the terminal, a newline would forge a log line, a bidi
/// override would make `evil.csv‮vsc.` read backwards, and a no-break space would make `211 ` look
/// like `211`. Such characters are shown as `\u` and their hexadecimal code (`211\u00A0`); the rest
/// passes as it is.
public enum TerminalText {
    /// The text with every character that could act on a terminal, forge a line, or hide itself shown
    /// as `\uXXXX`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += visible(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `\u` and at least four hexadecimal digits, as JSON and most languages write a code point.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether a character is a control, a bidi control, invisible (a format character or one ignorable
    /// by default), or a space that is not U+0020.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x20...0x7E: return false
        case 0..<0x20, 0x7F...0x9F: return true  // C0, DEL, C1 (U+009B is a one-byte CSI)
        case 0xA0, 0xAD: return true  // no-break space, soft hyphen
        case 0x61C, 0x180E: return true  // Arabic letter mark, Mongolian vowel separator
        case 0x1680, 0x2000...0x200F: return true  // spaces of other widths, zero-width characters, LRM, RLM
        case 0x2028...0x202F: return true  // line and paragraph separators, bidi embeddings and overrides
        case 0x205F...0x206F: return true  // medium space, word joiner, invisible operators, bidi isolates
        case 0x3000, 0xFEFF, 0xFFF9...0xFFFB: return true  // ideographic space, BOM, annotation marks
        case 0xE0000...0xE007F: return true  // tag characters
        case 0xA1...0x2FF: return false  // Latin letters and marks, the commonest in names: no lookup
        case 0x2800: return true  // braille blank, drawn as nothing
        default:
            // Anything Unicode marks as ignorable by default (drawn as nothing: Hangul fillers U+115F,
            // U+1160, U+3164, U+FFA0, the combining grapheme joiner U+034F, variation selectors U+FE00–FE0F
            // and U+E0100–E01EF, Khmer's inherent vowels, shorthand and musical format controls…), and
            // every format character, other space and separator, present or future.
            let properties = scalar.properties
            if properties.isDefaultIgnorableCodePoint { return true }
            switch properties.generalCategory {
            case .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .control: return true
            default: return false
            }
        }
    }
}
