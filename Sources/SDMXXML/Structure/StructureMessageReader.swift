import SDMXInput
import SDMXModel

/// Reads an SDMX-ML structure message (2.1; 3.0's element names where they agree) into a
/// ``StructureMessage``, streaming: one maintainable artefact is held as a tree at a time.
public final class StructureMessageReader {
    private let limits: XMLLimits

    /// Makes a reader that parses under `limits`.
    public init(limits: XMLLimits = .default) {
        self.limits = limits
    }

    /// Reads the structure file at `path`.
    public func read(path: String) throws -> StructureMessage {
        try read(source: ChunkedFileReader(path: path, chunkSize: limits.chunkSize))
    }

    /// Reads a structure message from any byte source.
    public func read(source: any ByteSource) throws -> StructureMessage {
        let handler = StructureEventHandler(source: source.name)
        let parser = XMLPushParser(file: source.name, handler: handler, limits: limits)
        try parser.parse(source: source)
        return try handler.finish()
    }

    /// Reads a structure message held in memory; `source` names it in messages.
    public func read(bytes: [UInt8], source: String) throws -> StructureMessage {
        let handler = StructureEventHandler(source: source)
        let parser = XMLPushParser(file: source, handler: handler, limits: limits)
        try parser.parse(bytes: bytes)
        return try handler.finish()
    }
}

/// Captures each artefact below `Structures/<Container>` and decodes it when its element ends.
final class StructureEventHandler: XMLEventHandler {
    private var depth = 0
    private var builder = XMLTreeBuilder()
    private var sawRoot = false
    private var container = ""
    private var inStructures = false
    private var decoder: StructureDecoder

    init(source: String) {
        decoder = StructureDecoder(source: source)
    }

    func startElement(_ element: XMLElementStart) throws {
        depth += 1
        if depth == 1 {
            guard element.hasLocalName("Structure") else {
                throw SDMXError(
                    .invalidStructure,
                    "\(decoder.source) is not an SDMX structure message: its root element is \(element.localName), "
                        + "not Structure; give data files as arguments and structure files with --structure",
                    location: SourceLocation(file: decoder.source, line: element.line, column: element.column))
            }
            sawRoot = true
            return
        }
        if builder.isCapturing {
            builder.start(element)
        } else if depth == 2 {
            inStructures = element.hasLocalName("Structures")
        } else if depth == 3, inStructures {
            container = element.localName
        } else if depth == 4, inStructures, !container.isEmpty {
            builder.start(element)
        }
    }

    func endElement() throws {
        defer { depth -= 1 }
        guard builder.isCapturing else { return }
        // A code list's codes are decoded as each ends: a list of a million codes held as a tree
        // of nodes (attribute tables, name children) took most of a gigabyte.
        if builder.depth == 2, let root = builder.rootName, root == "Codelist" || root == "ValueList",
            let name = builder.currentName, name == "Code" || name == "ValueItem", let code = builder.endDetached()
        {
            decoder.streamedCode(code)
            return
        }
        if let node = builder.end() {
            try decoder.decode(node, container: container)
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        builder.characters(bytes)
    }

    func finish() throws -> StructureMessage {
        guard sawRoot else {
            throw SDMXError(.invalidStructure, "\(decoder.source) holds no SDMX structure message")
        }
        return decoder.message
    }
}
