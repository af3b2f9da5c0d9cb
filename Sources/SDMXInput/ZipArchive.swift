#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SDMXModel

/// A zip archive's entries, read from its central directory; each entry streams as a ``ByteSource``.
/// Stored and deflated entries are read; encrypted entries and ZIP64 archives are refused, saying so.
public final class ZipArchive {
    public struct Entry: Sendable {
        public var name: String
        public var method: UInt16
        public var compressedSize: Int64
        public var uncompressedSize: Int64
        var localHeaderOffset: Int64
        var isEncrypted: Bool

        public var isDirectory: Bool { name.hasSuffix("/") }
    }

    public let path: String
    public private(set) var entries: [Entry] = []
    private let limits: DecompressionLimits

    public init(path: String, limits: DecompressionLimits = .default) throws {
        self.path = path
        self.limits = limits
        guard let file = fopen(path, "rb") else {
            throw SDMXError(.unreadableFile, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        fseeko(file, 0, SEEK_END)
        let size = Int64(ftello(file))
        // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
        let tailLength = Int(min(size, 65_557))
        let tail = try Self.read(file, at: size - Int64(tailLength), count: tailLength, path: path)
        // The record is 22 bytes: a file shorter than that (or a signature in its last 21 bytes) has none.
        guard tail.count >= 22,
              let eocd = (0...(tail.count - 22)).reversed().first(where: { Self.uint32(tail, $0) == 0x0605_4B50 }) else {
            throw SDMXError(.malformedInput, "\(path) is not a complete zip archive (no central directory); it may be truncated")
        }
        let count = Int(Self.uint16(tail, eocd + 10))
        let directorySize = Int64(Self.uint32(tail, eocd + 12))
        let directoryOffset = Int64(Self.uint32(tail, eocd + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            throw SDMXError(.unsupportedFormat, "\(path) is a ZIP64 archive, which idac does not read; zip the files without ZIP64")
        }
        guard count <= limits.maxEntries else {
            throw SDMXError(.limitExceeded, "\(path) holds \(count) entries, more than the \(limits.maxEntries) accepted")
        }
        guard directoryOffset + directorySize <= size else {
            throw SDMXError(.malformedInput, "\(path): the zip central directory points outside the file")
        }
        let directory = try Self.read(file, at: directoryOffset, count: Int(directorySize), path: path)
        var offset = 0
        for _ in 0..<count {
            guard offset + 46 <= directory.count, Self.uint32(directory, offset) == 0x0201_4B50 else {
                throw SDMXError(.malformedInput, "\(path): the zip central directory is damaged")
            }
            let flags = Self.uint16(directory, offset + 8)
            let nameLength = Int(Self.uint16(directory, offset + 28))
            let extraLength = Int(Self.uint16(directory, offset + 30))
            let commentLength = Int(Self.uint16(directory, offset + 32))
            guard offset + 46 + nameLength <= directory.count else {
                throw SDMXError(.malformedInput, "\(path): the zip central directory is damaged")
            }
            let name = String(decoding: directory[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(name: name, method: Self.uint16(directory, offset + 10),
                                 compressedSize: Int64(Self.uint32(directory, offset + 20)),
                                 uncompressedSize: Int64(Self.uint32(directory, offset + 24)),
                                 localHeaderOffset: Int64(Self.uint32(directory, offset + 42)),
                                 isEncrypted: flags & 1 != 0))
            offset += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The entry's content, streamed.
    public func source(for entry: Entry) throws -> any ByteSource {
        let name = "\(path)!\(entry.name)"
        if entry.isEncrypted {
            throw SDMXError(.unsupportedFormat, "\(name) is encrypted; send it without a password")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw SDMXError(.unsupportedFormat, "\(name) is compressed with method \(entry.method); zip it with deflate (the usual method)")
        }
        if entry.uncompressedSize > limits.maxExpandedBytes {
            throw SDMXError(.limitExceeded, "\(name) declares \(entry.uncompressedSize >> 20) MB once expanded, more than the "
                                + "\(limits.maxExpandedBytes >> 20) MB accepted; it was refused as a possible archive bomb")
        }
        return ZipEntrySource(archive: path, entry: entry, name: name, limits: limits)
    }

    static func read(_ file: UnsafeMutablePointer<FILE>, at offset: Int64, count: Int, path: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard fseeko(file, off_t(offset), SEEK_SET) == 0 else {
            throw SDMXError(.malformedInput, "\(path): cannot seek to byte \(offset)")
        }
        let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, file) }
        guard read == count else { throw SDMXError(.malformedInput, "\(path) ends too early; it may be truncated") }
        return bytes
    }

    static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

/// One zip entry's content: its compressed bytes read in chunks and inflated (or copied, if stored).
final class ZipEntrySource: ByteSource {
    let archive: String
    let entry: ZipArchive.Entry
    let name: String
    let limits: DecompressionLimits

    init(archive: String, entry: ZipArchive.Entry, name: String, limits: DecompressionLimits) {
        self.archive = archive
        self.entry = entry
        self.name = name
        self.limits = limits
    }

    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard let file = fopen(archive, "rb") else {
            throw SDMXError(.unreadableFile, "cannot open \(archive): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        let header = try ZipArchive.read(file, at: entry.localHeaderOffset, count: 30, path: archive)
        guard ZipArchive.uint32(header, 0) == 0x0403_4B50 else {
            throw SDMXError(.malformedInput, "\(name): the zip entry's header is damaged")
        }
        let dataOffset = entry.localHeaderOffset + 30 + Int64(ZipArchive.uint16(header, 26)) + Int64(ZipArchive.uint16(header, 28))
        guard fseeko(file, off_t(dataOffset), SEEK_SET) == 0 else {
            throw SDMXError(.malformedInput, "\(name): cannot seek to the entry's data")
        }
        let inflater = entry.method == 8 ? try Inflater(format: .rawDeflate, name: name, limits: limits) : nil
        var remaining = entry.compressedSize
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while remaining > 0 {
            let wanted = Int(min(Int64(buffer.count), remaining))
            let read = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, wanted, file) }
            guard read > 0 else { throw SDMXError(.malformedInput, "\(name) ends too early; the archive may be truncated") }
            remaining -= Int64(read)
            try buffer.withUnsafeBufferPointer { all in
                let chunk = UnsafeBufferPointer(rebasing: all[0..<read])
                if let inflater { try inflater.feed(chunk, body) } else { try body(chunk) }
            }
        }
        try inflater?.finish()
    }
}
