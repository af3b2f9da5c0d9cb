import SDMXInput
import SDMXModel

/// Reads an SDMX-JSON structure message (2.0, and 1.0's names where they differ) into a
/// ``StructureMessage``, the same model the SDMX-ML structure reader gives, streaming through the
/// ``JSONTokenizer`` with its limits: one maintainable artefact is held as a tree at a time, bounded by
/// ``JSONLimits/maxStructureValues``, and a code list's codes are decoded one by one as each ends.
public final class SDMXJSONStructureReader {
    private let limits: JSONLimits

    /// Makes a reader held to `limits` (nesting, string and number lengths, values per artefact).
    public init(limits: JSONLimits = .default) {
        self.limits = limits
    }

    /// Reads the structure file at `path`.
    public func read(path: String) throws -> StructureMessage {
        try read(source: ChunkedFileReader(path: path))
    }

    /// Reads a structure message from any byte source.
    public func read(source: any ByteSource) throws -> StructureMessage {
        let pass = SDMXJSONStructurePass(file: source.name, limits: limits)
        try JSONTokenizer(file: source.name, limits: limits, handler: pass).tokenize(source)
        return try pass.finish()
    }

    /// Reads a structure message held in memory; `source` names it in messages.
    public func read(bytes: [UInt8], source: String) throws -> StructureMessage {
        let pass = SDMXJSONStructurePass(file: source, limits: limits)
        let tokenizer = JSONTokenizer(file: source, limits: limits, handler: pass)
        try bytes.withUnsafeBufferPointer { try tokenizer.feed($0) }
        try tokenizer.finish()
        return try pass.finish()
    }
}
