#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
internal import CLibXML2
import SDMXInput
import SDMXModel

/// libxml2's SAX2 push parser, set up for untrusted input: no network, no entity substitution,
/// no DTD (a `<!DOCTYPE` is refused before its subset is read), bounded depth and attributes, and
/// its own structured error handler (libxml2's global handlers are per thread, and tasks hop threads).
///
/// A parser handles one document on one thread; it is deliberately not Sendable.
final class XMLPushParser {
    private let file: String
    private let limits: XMLLimits
    /// Held strongly (a parser lives in a reader's call, and no handler holds its parser): a constant
    /// of a borrowed parser, the callbacks (two per element) reach it without counting references.
    fileprivate let handler: any XMLEventHandler
    private var context: xmlParserCtxtPtr?
    fileprivate var failure: (any Error)?
    fileprivate var depth = 0
    private var attributeGuard: AttributeCountGuard
    /// Bytes given to libxml2 so far.
    private var bytesPushed = 0

    init(file: String, handler: any XMLEventHandler, limits: XMLLimits) {
        self.file = file
        self.handler = handler
        self.limits = limits
        self.attributeGuard = AttributeCountGuard(maxAttributes: limits.maxAttributes)
        Self.initializeLibrary
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// `xmlInitParser` once per process; `xmlCleanupParser` never (other threads may be parsing).
    private static let initializeLibrary: Void = { xmlInitParser() }()

    /// Parses a byte source (a file, a gzip stream, a zip entry) chunk by chunk.
    func parse(source: any ByteSource) throws {
        try start()
        try source.forEachChunk { chunk in try feed(chunk, terminate: false) }
        reachedEnd = true
        try feed(UnsafeBufferPointer(start: nil, count: 0), terminate: true)
    }

    /// Whether all the input has been given to libxml2: an error then means the file ends too early.
    fileprivate var reachedEnd = false

    /// Parses a document held in memory (embedded structures, tests).
    func parse(bytes: [UInt8]) throws {
        try start()
        var offset = 0
        try bytes.withUnsafeBufferPointer { all in
            while offset < all.count {
                let end = min(offset + limits.chunkSize, all.count)
                try feed(UnsafeBufferPointer(rebasing: all[offset..<end]), terminate: false)
                offset = end
            }
        }
        try feed(UnsafeBufferPointer(start: nil, count: 0), terminate: true)
    }

    private func start() throws {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = xmlStartElement
        sax.endElementNs = xmlEndElement
        sax.characters = xmlCharacters
        sax.cdataBlock = xmlCharacters
        sax.internalSubset = xmlInternalSubset
        sax.serror = xmlStructuredError
        let userData = Unmanaged.passUnretained(self).toOpaque()
        guard let created = file.withCString({ xmlCreatePushParserCtxt(&sax, userData, nil, 0, $0) }) else {
            throw SDMXError(.malformedInput, "libxml2 could not create a parser for \(file)")
        }
        context = created
        xmlCtxtUseOptions(created, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
    }

    private func feed(_ chunk: UnsafeBufferPointer<UInt8>, terminate: Bool) throws {
        guard let context else { return }
        if bytesPushed == 0, let encoding = Self.hiddenMarkupEncoding(declaredIn: chunk) {
            throw SDMXError(
                .limitExceeded,
                "the document declares the encoding \(encoding), which writes markup in other bytes than its characters "
                    + "(so the checks made before parsing could not see it); save the file as UTF-8",
                location: SourceLocation(file: file, line: 1, column: 1))
        }
        if let offset = attributeGuard.scan(chunk) {
            let line = line(atStreamOffset: offset, in: chunk)
            throw SDMXError(
                .limitExceeded,
                "an element has more than \(limits.maxAttributes) attributes; SDMX elements have a few dozen at most, "
                    + "so the file was refused", location: SourceLocation(file: file, line: line, column: 0))
        }
        let status = chunk.withMemoryRebound(to: CChar.self) { bytes in
            xmlParseChunk(context, bytes.baseAddress, Int32(bytes.count), terminate ? 1 : 0)
        }
        bytesPushed += chunk.count
        if let failure { throw failure }
        if status != 0 {
            throw SDMXError(
                .malformedInput, "the XML is not well formed",
                location: SourceLocation(
                    file: file, line: Int(idac_inputLine(context)), column: Int(idac_inputColumn(context))))
        }
    }

    /// The encoding the XML declaration names when it is one that hides `<`, `=` and quotes in other
    /// bytes (UTF-7 writes them in base64): the attribute guard counts raw bytes before libxml2 decodes
    /// them, so such a document is refused (a 6 MB UTF-7 file of 200 000 attributes took libxml2 25 s).
    static func hiddenMarkupEncoding(declaredIn chunk: UnsafeBufferPointer<UInt8>) -> String? {
        let start: String = String(decoding: chunk.prefix(256), as: UTF8.self).lowercased()
        guard start.hasPrefix("<?xml"), let close = start.firstIndex(of: ">") else { return nil }
        let declaration = String(start[start.startIndex..<close])
        guard let encoding = declaration.firstRange(of: "encoding") else { return nil }
        let rest = declaration[encoding.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        let name = String(rest.prefix { $0 != "\"" && $0 != "'" && $0 != " " })
        let compact = String(name.filter { $0 != "-" && $0 != "_" })
        return ["utf7", "csunicode11utf7", "unicode11utf7", "utf7imap"].contains(compact) ? name.uppercased() : nil
    }

    /// Records the first error and stops libxml2; the error is thrown once control returns to Swift.
    fileprivate func fail(_ error: any Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    fileprivate func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// Line and column of the `<` that opened the element being reported. libxml2 calls
    /// `startElementNs` with its input just past the attributes, so count back to the `<` (attribute
    /// values cannot contain a raw `<`), which keeps multi-line start tags exact.
    /// The line of the byte `offset` bytes into the stream, which lies in `chunk` (the chunk about to
    /// be given to libxml2) or in what libxml2 was given and has not parsed yet (a tag is parsed only
    /// once complete): libxml2's line where it stands, plus the line breaks from there.
    private func line(atStreamOffset offset: Int, in chunk: UnsafeBufferPointer<UInt8>) -> Int {
        func breaks(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int {
            guard let start, count > 0 else { return 0 }
            return UnsafeBufferPointer(start: start, count: count).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        guard let context, let current = idac_inputCurrent(context), let end = idac_inputEnd(context) else {
            return 1 + breaks(chunk.baseAddress, offset - bytesPushed)
        }
        let line = max(Int(idac_inputLine(context)), 1)
        let pendingStart = bytesPushed - (end - current)
        guard offset >= pendingStart else { return line }
        return line + breaks(current, min(offset, bytesPushed) - pendingStart)
            + breaks(chunk.baseAddress, offset - bytesPushed)
    }

    /// - Parameter firstValue: where the element's first attribute value starts, if libxml2 left it
    ///   in its input buffer: the `<` is looked for back from there (a few bytes) rather than from
    ///   the end of the tag, when no line break lies between the two.
    fileprivate func elementStartPosition(firstValue: UnsafePointer<UInt8>? = nil) -> (line: Int, column: Int) {
        guard let context, let base = idac_inputBase(context), let current = idac_inputCurrent(context) else {
            return (0, 0)
        }
        var line = Int(idac_inputLine(context))
        var cursor = current
        if let firstValue, firstValue > base, firstValue < current,
            memchr(firstValue, Int32(UInt8(ascii: "\n")), current - firstValue) == nil
        {
            cursor = firstValue
        }
        // Eight bytes at a time over the attributes, while the word holds no `<` and no line break.
        while cursor - base >= 9, cursor.pointee != UInt8(ascii: "<") {
            let word = UnsafeRawPointer(cursor - 8).loadUnaligned(as: UInt64.self)
            if Self.holds(word, UInt8(ascii: "<")) || Self.holds(word, UInt8(ascii: "\n")) { break }
            cursor -= 8
        }
        while cursor > base, cursor.pointee != UInt8(ascii: "<") {
            cursor -= 1
            if cursor.pointee == UInt8(ascii: "\n") { line -= 1 }
        }
        guard cursor.pointee == UInt8(ascii: "<") else { return (line, Int(idac_inputColumn(context))) }
        // Elements on the line of the last one (a generic observation's five) reuse its start.
        let offset = cursor - base
        if line == lineStartCache.line, base == lineStartCache.base, lineStartCache.offset <= offset,
            lineStartCache.offset == 0 || base[lineStartCache.offset - 1] == UInt8(ascii: "\n")
        {
            return (line, offset - lineStartCache.offset + 1)
        }
        var lineStart = cursor
        while lineStart - base >= 8,
            !Self.holds(UnsafeRawPointer(lineStart - 8).loadUnaligned(as: UInt64.self), UInt8(ascii: "\n"))
        {
            lineStart -= 8
        }
        while lineStart > base, (lineStart - 1).pointee != UInt8(ascii: "\n") { lineStart -= 1 }
        lineStartCache = (base, line, lineStart - base)
        return (line, cursor - lineStart + 1)
    }

    /// Whether any of the word's eight bytes is `byte` (the classic test for a zero byte, after an xor).
    @inline(__always)
    private static func holds(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// Where the line of the last element began in libxml2's input buffer. It is trusted for the
    /// same line only while the buffer is the same and a line break still precedes it (when libxml2
    /// moves its input, the offset no longer follows one).
    private var lineStartCache: (base: UnsafePointer<UInt8>?, line: Int, offset: Int) = (nil, -1, 0)

    fileprivate var limitsForCallbacks: XMLLimits { limits }
}

/// Runs `body` with the parser behind libxml2's context pointer, borrowed (the parser outlives its
/// parse): no reference is counted per callback.
@inline(__always)
private func withParser(_ context: UnsafeMutableRawPointer?, _ body: (XMLPushParser) -> Void) {
    guard let context else { return }
    Unmanaged<XMLPushParser>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
}

private func xmlStartElement(
    _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32,
    _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ attributeCount: Int32, _ defaultedCount: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    withParser(context) { parser in
        guard parser.failure == nil, let localName else { return }
        parser.depth += 1
        // Attributes come five pointers each: name, prefix, namespace, value start, value end.
        let position = parser.elementStartPosition(firstValue: attributeCount > 0 ? attributes?[3] : nil)
        let limits = parser.limitsForCallbacks
        if parser.depth > limits.maxDepth {
            parser.fail(
                SDMXError(
                    .limitExceeded,
                    "elements are nested more than \(limits.maxDepth) deep; SDMX messages never are, so the file was refused",
                    location: parser.location(line: position.line, column: position.column)))
            return
        }
        if Int(attributeCount) > limits.maxAttributes {
            parser.fail(
                SDMXError(
                    .limitExceeded,
                    "an element has \(attributeCount) attributes, more than the \(limits.maxAttributes) accepted",
                    location: parser.location(line: position.line, column: position.column)))
            return
        }
        let element = XMLElementStart(
            localNamePointer: localName, namespacePointer: uri, attributeCount: Int(attributeCount),
            attributes: attributes, line: position.line, column: position.column)
        do { try parser.handler.startElement(element) } catch { parser.fail(error) }
    }
}

private func xmlEndElement(
    _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
) {
    withParser(context) { parser in
        guard parser.failure == nil else { return }
        parser.depth -= 1
        do { try parser.handler.endElement() } catch { parser.fail(error) }
    }
}

private func xmlCharacters(_ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
    withParser(context) { parser in
        guard parser.failure == nil, let bytes, count > 0 else { return }
        do { try parser.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(count))) } catch {
            parser.fail(error)
        }
    }
}

private func xmlInternalSubset(
    _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ externalID: UnsafePointer<xmlChar>?,
    _ systemID: UnsafePointer<xmlChar>?
) {
    withParser(context) { parser in
        let position = parser.elementStartPosition()
        parser.fail(
            SDMXError(
                .limitExceeded,
                "the document has a <!DOCTYPE> declaration; SDMX messages never need one, and it was refused "
                    + "without reading it (it could declare entities that expand or read local files)",
                location: parser.location(line: max(position.line, 1), column: 1)))
    }
}

private func xmlStructuredError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    withParser(context) { parser in
        guard let error else { return }
        // Warnings (level 1) do not stop the parse.
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "the XML is not well formed"
        while message.hasSuffix("\n") { message.removeLast() }
        // At the end of the input libxml2 names the token it still expected ("AttValue: ' expected"); the
        // user's problem is that the file was cut off.
        let text =
            parser.reachedEnd
            ? "the file ends before the XML document does (it seems cut off: an element or attribute is left open; "
                + "libxml2 says: \(message))"
            : "XML is not well formed: \(message)"
        parser.fail(
            SDMXError(
                .malformedInput, text,
                location: parser.location(line: Int(error.pointee.line), column: Int(error.pointee.int2))))
    }
}
