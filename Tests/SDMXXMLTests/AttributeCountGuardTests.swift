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
}
