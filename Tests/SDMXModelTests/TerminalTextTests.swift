import SDMXModel
import Testing

@Suite struct TerminalTextTests {
    @Test func controlsBidiAndInvisibleCharactersAreShown() {
        #expect(TerminalText.escaped("a\u{1B}]0;owned\u{07}b") == "a\\u001B]0;owned\\u0007b")
        #expect(TerminalText.escaped("line\nforged: accepted") == "line\\u000Aforged: accepted")
        #expect(TerminalText.escaped("x\u{9B}2J") == "x\\u009B2J")
        #expect(TerminalText.escaped("evil\u{202E}vsc.exe") == "evil\\u202Evsc.exe")
        #expect(TerminalText.escaped("\u{2066}a\u{2069}") == "\\u2066a\\u2069")
        #expect(TerminalText.escaped("211\u{00A0}") == "211\\u00A0")
        #expect(TerminalText.escaped("zero\u{200B}width\u{FEFF}") == "zero\\u200Bwidth\\uFEFF")
        #expect(TerminalText.escaped("tag\u{E0041}") == "tag\\uE0041")
        #expect(TerminalText.escaped("tab\there\r") == "tab\\u0009here\\u000D")
    }

    /// Characters drawn as nothing, which made `KEN` and `KEN` plus a filler look the same.
    @Test(arguments: [
        0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F, 0xFE00, 0xFE0F, 0x180B, 0x180E, 0x180F, 0x17B4, 0x17B5, 0x2800,
        0xE0100, 0xE01EF, 0x1BCA0, 0x1D173, 0xFFF0, 0x2061, 0x0600,
    ])
    func invisibleFillersAndSelectorsAreShown(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let text = "KEN" + String(Character(scalar))
        #expect(TerminalText.escaped(text) == "KEN" + TerminalText.visible(scalar), "U+\(String(value, radix: 16))")
    }

    @Test func ordinaryTextPassesUnchanged() {
        for text in [
            "Sénégal — Garçons", "Âge: 0-4", "中文", "ملف", "KEN.Y0T17 = 12 400", "emoji 🙂", "", "한국어", "Ελλάδα",
            "Україна", "ñandú", "café\u{301}",
        ] {
            #expect(TerminalText.escaped(text) == text)
        }
    }
}
