@testable import SDMXXML
import Testing

/// The guard that refuses elements with too many attributes before libxml2 parses them.
@Suite struct AttributeCountGuardTests {
    /// Feeds `text` in chunks of `size` bytes; the line of the first offending tag, if any.
    func scan(_ text: String, maxAttributes: Int, chunk size: Int) -> Int? {
        var guardian = AttributeCountGuard(maxAttributes: maxAttributes)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            let line = bytes[start..<end].withUnsafeBufferPointer { guardian.scan($0) }
            if let line { return line }
            start = end
        }
        return nil
    }

    static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <root a="1" b="2">
        <!-- <x a="1" b="2" c="3"/> is only a comment -->
        <![CDATA[ <y a="1" b="2" c="3"/> is only text ]]>
        <z a="x=y=z" b='=='/>
        <w
           a="1" b="2"
           c="3"/>
        </root>
        """

    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func theFirstTagWithTooManyAttributesIsFoundOnItsLineWhateverTheChunks(size: Int) {
        #expect(scan(Self.document, maxAttributes: 2, chunk: size) == 6, "the <w> tag opens on line 6")
        #expect(scan(Self.document, maxAttributes: 3, chunk: size) == nil, "comments, CDATA and quoted '=' do not count")
        #expect(scan(Self.document, maxAttributes: 1, chunk: size) == 2)
    }

    /// Short tags are jumped over from `<` to `<` (they cannot hold 51 attributes in under 200 bytes);
    /// a long tag is counted exactly, and markup that may hide a `<` is still skipped whole.
    @Test(arguments: [1, 5, 64, 100_000])
    func shortTagsAreJumpedAndLongOnesCounted(size: Int) {
        func tag(_ count: Int) -> String { "<t " + (0..<count).map { "a\($0)=\"\"" }.joined(separator: " ") + "/>" }
        let short = String(repeating: "<o x=\"1\" y=\"2\"/><p>text</p>\n", count: 40)
        let hidden = "<!-- \(tag(60)) -->\n<![CDATA[ \(tag(60)) ]]>\n<?pi \(tag(60)) ?>\n"
        #expect(scan("<r>\n" + short + hidden + tag(50) + "\n</r>", maxAttributes: 50, chunk: size) == nil)
        #expect(scan("<r>\n" + short + hidden + tag(51) + "\n</r>", maxAttributes: 50, chunk: size) == 45, "after 1 + 40 + 3 lines")
        // Values holding `>` and `=` do not end the tag or count.
        let tricky = "<t " + (0..<51).map { "a\($0)=\">=\"" }.joined(separator: " ") + "/>"
        #expect(scan("<r>\n" + short + tricky + "\n</r>", maxAttributes: 50, chunk: size) == 42)
    }
}
