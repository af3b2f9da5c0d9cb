import SDMXInput
import SDMXJSON
import SDMXModel
import SDMXXML

/// Reads a structure message in whichever form it is written, judged by its content, never by its name:
/// SDMX-JSON when its first character (after a byte-order mark and spaces) opens a JSON object,
/// SDMX-ML otherwise.
public enum StructureFileReader {
    /// Reads the structure file at `path` (its first 4 096 bytes decide the form).
    public static func read(path: String) throws -> StructureMessage {
        let prefix = try ChunkedFileReader.prefix(ofFileAt: path, count: 4096)
        return isJSON(prefix)
            ? try SDMXJSONStructureReader().read(path: path) : try StructureMessageReader().read(path: path)
    }

    /// Reads a structure message from `source`, which must be able to show its first bytes before the read.
    public static func read(source: any ByteSource) throws -> StructureMessage {
        isJSON(try source.prefix(4096))
            ? try SDMXJSONStructureReader().read(source: source) : try StructureMessageReader().read(source: source)
    }

    /// Reads a structure message held in memory; `source` names it in errors (a file or an upload).
    public static func read(bytes: [UInt8], source: String) throws -> StructureMessage {
        isJSON(Array(bytes.prefix(4096)))
            ? try SDMXJSONStructureReader().read(bytes: bytes, source: source)
            : try StructureMessageReader().read(bytes: bytes, source: source)
    }

    /// Whether the bytes begin (after a UTF-8 byte-order mark and white space) with `{`.
    public static func isJSON(_ prefix: [UInt8]) -> Bool {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        return first == UInt8(ascii: "{")
    }
}
