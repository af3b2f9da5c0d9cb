import SDMXInput
import SDMXModel

/// A workbook's shared-strings table (`xl/sharedStrings.xml`): the texts its cells point to by
/// number, kept in one byte buffer. It is the one part held in memory while a sheet streams, so its
/// entries and bytes are bounded (``WorkbookLimits``).
public final class SharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// Makes an empty table.
    public init() {}

    /// How many entries the table holds.
    public var count: Int { ends.count }

    /// Calls `body` with entry `index`'s bytes; nil when the table has no such entry.
    func withBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }

    /// Entry `index` as text (tests, messages).
    public func string(at index: Int) -> String? { withBytes(at: index) { String(decoding: $0, as: UTF8.self) } }

    /// Reads the table from its part, streaming: the text of each `si` (its `t`, or the `t` of its
    /// rich-text runs; phonetic `rPh` readings left out).
    public static func read(source: any ByteSource, limits: WorkbookLimits, xml: XMLLimits) throws -> SharedStrings {
        let table = SharedStrings()
        let handler = Handler(table: table, limits: limits, file: source.name)
        try XMLPushParser(file: source.name, handler: handler, limits: xml).parse(source: source)
        return table
    }

    private final class Handler: XMLEventHandler {
        let table: SharedStrings
        let limits: WorkbookLimits
        let file: String
        /// The depth of the open element, and of the open `si`, `rPh` and `t` (0 when none is open).
        var depth = 0
        var entryDepth = 0
        var phoneticDepth = 0
        var textDepth = 0

        init(table: SharedStrings, limits: WorkbookLimits, file: String) {
            self.table = table
            self.limits = limits
            self.file = file
        }

        func startElement(_ element: XMLElementStart) throws {
            depth += 1
            if element.hasLocalName("si") {
                guard table.ends.count < limits.maxSharedStrings else {
                    throw SDMXError(
                        .limitExceeded,
                        "the workbook's shared-strings table has more than \(limits.maxSharedStrings) entries; "
                            + "it was refused (a real table has far fewer distinct texts)",
                        location: SourceLocation(file: file, line: element.line, column: element.column))
                }
                entryDepth = depth
            } else if element.hasLocalName("rPh") {
                if phoneticDepth == 0 { phoneticDepth = depth }
            } else if element.hasLocalName("t"), entryDepth > 0, phoneticDepth == 0 {
                textDepth = depth
            }
        }

        func endElement() throws {
            if depth == textDepth { textDepth = 0 }
            if depth == phoneticDepth { phoneticDepth = 0 }
            if depth == entryDepth {
                table.ends.append(table.bytes.count)
                entryDepth = 0
            }
            depth -= 1
        }

        func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            guard textDepth > 0 else { return }
            guard table.bytes.count + bytes.count <= limits.maxSharedStringBytes else {
                throw SDMXError(
                    .limitExceeded,
                    "the workbook's shared-strings table holds more than \(limits.maxSharedStringBytes >> 20) MB "
                        + "of text; it was refused")
            }
            table.bytes.append(contentsOf: bytes)
        }
    }
}
