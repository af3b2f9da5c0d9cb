@testable import SDMXXML
import SDMXModel
import Testing

/// The guard that refuses elements with too many attributes before libxml2 parses them.
@Suite struct AttributeCountGuardTests {
    /// Feeds `text` in chunks of `size` bytes; the line of the first offending tag, if any (from
    /// where in the stream the guard says it begins, which must be its `<`).
    func scan(_ text: String, maxAttributes: Int, chunk size: Int) -> Int? {
        var guardian = AttributeCountGuard(maxAttributes: maxAttributes)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            let offset = bytes[start..<end].withUnsafeBufferPointer { guardian.scan($0) }
            if let offset {
                #expect(bytes[offset] == UInt8(ascii: "<"), "the offset is the tag's start")
                return bytes[..<offset].filter { $0 == 0x0A }.count + 1
            }
            start = end
        }
        return nil
    }

    /// Through the parser, which turns the guard's offset into a line with libxml2's help: the same
    /// line whatever the chunks (a tag split between chunks included).
    @Test(arguments: [1, 3, 64, 4096, 100_000])
    func theParserReportsTheOffendingTagsLine(size: Int) throws {
        final class Ignore: XMLEventHandler {
            func startElement(_ element: XMLElementStart) throws {}
            func endElement() throws {}
            func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
        }
        let tag = "<t " + (0..<60).map { "a\($0)=\"1\"" }.joined(separator: "\n  ") + "/>"
        let text = "<?xml version=\"1.0\"?>\n<r>\n" + String(repeating: "<o x=\"1\"/>\n", count: 300) + tag + "\n</r>\n"
        var limits = XMLLimits()
        limits.maxAttributes = 50
        limits.chunkSize = size
        let handler = Ignore()
        do {
            try XMLPushParser(file: "t.xml", handler: handler, limits: limits).parse(bytes: Array(text.utf8))
            Issue.record("60 attributes must be refused")
        } catch let error as SDMXError {
            #expect(error.location?.line == 303, "\(error)")
        }
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
        #expect(
            scan(Self.document, maxAttributes: 3, chunk: size) == nil, "comments, CDATA and quoted '=' do not count")
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
        #expect(
            scan("<r>\n" + short + hidden + tag(51) + "\n</r>", maxAttributes: 50, chunk: size) == 45,
            "after 1 + 40 + 3 lines")
        // Values holding `>` and `=` do not end the tag or count.
        let tricky = "<t " + (0..<51).map { "a\($0)=\">=\"" }.joined(separator: " ") + "/>"
        #expect(scan("<r>\n" + short + tricky + "\n</r>", maxAttributes: 50, chunk: size) == 42)
    }
}
