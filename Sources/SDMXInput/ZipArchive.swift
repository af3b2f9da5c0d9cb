#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SDMXModel

/// A zip archive's entries, read from its central directory and checked, all of them, before any is
/// read: each local header must agree with its directory record, no two entries' data may overlap,
/// the end record's count must be the entries found, and what the entries declare they expand to
/// must stay within the ``DecompressionLimits`` for the archive as a whole. Each entry then streams
/// as a ``ByteSource`` whose size and CRC-32 are checked at its end. Stored and deflated entries
/// are read; encrypted entries, ZIP64 and multi-disk archives are refused, saying so.
public final class ZipArchive {
    /// An entry as the central directory lists it.
    public struct Entry: Sendable {
        /// The entry's path inside the archive, as stored (`data/file.csv`).
        public var name: String
        /// The compression method: 0 stored, 8 deflated; any other is refused when the entry is read.
        public var method: UInt16
        /// The stored size in bytes, as the directory says.
        public var compressedSize: Int64
        /// The size once expanded, as the directory says; checked when the entry has been read.
        public var uncompressedSize: Int64
        /// The CRC-32 of the expanded content, as the directory says; checked when the entry has been read.
        public var crc32: UInt32
        var index: Int
        var flags: UInt16
        var localHeaderOffset: Int64
        /// Where the entry's data starts, after its local header.
        var dataOffset: Int64 = 0

        var isEncrypted: Bool { flags & 1 != 0 }
        /// Whether the entry is a folder (its name ends in `/`): nothing to read.
        public var isDirectory: Bool { name.hasSuffix("/") }
    }

    /// The archive's path, as opened.
    public let path: String
    /// How messages call the archive (its path unless the caller gives another name: see ``ChunkedFileReader``).
    public let name: String
    /// The entries, in central-directory order.
    public private(set) var entries: [Entry] = []
    let limits: DecompressionLimits
    /// Checked by every entry's source at each chunk (``CancellableSource``).
    public var cancellation: ReadCancellation?
    /// The archive stays open while its entries are read: one descriptor, read with `pread`.
    private let descriptor: Int32
    let budget: ArchiveBudget
    /// Buffers and a decompressor reused from one entry to the next.
    private var scratch: ZipEntrySource.Scratch?

    /// Opens the archive and reads its central directory; throws when it is not a regular file (an archive's index is
    /// at its end, so a pipe will not do), is not a zip archive, or breaks `limits`.
    public init(path: String, name: String? = nil, limits: DecompressionLimits = .default) throws {
        self.path = path
        self.name = name ?? path
        self.limits = limits
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else {
            throw SDMXError(.unreadableFile, "cannot open \(self.name): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(opened)
            throw SDMXError(
                .unsupportedFormat,
                "\(self.name) is a zip archive read from a pipe or device; a zip archive's "
                    + "index is at its end, so idac reads zip archives only from files: save it to a file first")
        }
        descriptor = opened
        budget = ArchiveBudget(path: self.name, archiveBytes: Int64(info.st_size), limits: limits)
        try readDirectory(size: Int64(info.st_size))
    }

    deinit { close(descriptor) }

    /// The entry's content, streamed.
    public func source(for entry: Entry) throws -> any ByteSource {
        let name = "\(self.name)!\(entry.name)"
        if entry.isEncrypted {
            throw SDMXError(.unsupportedFormat, "\(name) is encrypted; send it without a password")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw SDMXError(
                .unsupportedFormat,
                "\(name) is compressed with method \(entry.method); zip it with deflate (the usual method)")
        }
        return CancellableSource.wrap(ZipEntrySource(archive: self, entry: entry, name: name), cancellation)
    }

    /// Lends the reused buffers to one entry's read (a nested read gets buffers of its own).
    func withScratch<T>(_ body: (ZipEntrySource.Scratch) throws -> T) rethrows -> T {
        let lent = scratch ?? ZipEntrySource.Scratch()
        scratch = nil
        defer { scratch = lent }
        return try body(lent)
    }

    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        var done = 0
        while done < buffer.count {
            let count = pread(
                descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset) + off_t(done))
            if count < 0 {
                if errno == EINTR { continue }
                throw SDMXError(.unreadableFile, "reading \(self.name) failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            done += count
        }
        return done
    }

    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        guard got == count else { throw SDMXError(.malformedInput, "\(self.name) ends too early; it may be truncated") }
        return bytes
    }

    private func damaged(_ why: String) -> SDMXError {
        SDMXError(.malformedInput, "\(self.name) is a damaged zip archive: \(why)")
    }

    private func readDirectory(size: Int64) throws {
        // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
        let tailLength = Int(min(size, 65_557))
        let tailStart = size - Int64(tailLength)
        let tail = try read(at: tailStart, count: tailLength)
        // The record is 22 bytes: a file shorter than that (or a signature in its last 21 bytes) has none.
        guard tail.count >= 22,
            let eocd = (0...(tail.count - 22)).reversed().first(where: { Self.uint32(tail, $0) == 0x0605_4B50 })
        else {
            throw SDMXError(
                .malformedInput,
                "\(self.name) is not a complete zip archive (no central directory); it may be truncated")
        }
        let count = Int(Self.uint16(tail, eocd + 10))
        let directorySize = Int64(Self.uint32(tail, eocd + 12))
        let directoryOffset = Int64(Self.uint32(tail, eocd + 16))
        let zip64Locator = eocd >= 20 && Self.uint32(tail, eocd - 20) == 0x0706_4B50
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF || directorySize == 0xFFFF_FFFF || zip64Locator {
            throw SDMXError(
                .unsupportedFormat,
                "\(self.name) is a ZIP64 archive, which idac does not read; zip the files without ZIP64")
        }
        if Self.uint16(tail, eocd + 4) != 0 || Self.uint16(tail, eocd + 6) != 0 {
            throw SDMXError(
                .unsupportedFormat, "\(self.name) is one part of an archive split across several files; send it whole")
        }
        guard Self.uint16(tail, eocd + 8) == count else {
            throw damaged(
                "its end record counts \(Self.uint16(tail, eocd + 8)) entries on this disk but \(count) in all")
        }
        guard count <= limits.maxEntries else {
            throw SDMXError(
                .limitExceeded, "\(self.name) holds \(count) entries, more than the \(limits.maxEntries) accepted")
        }
        let endRecord = tailStart + Int64(eocd)
        guard directoryOffset + directorySize == endRecord else {
            throw damaged(
                "its central directory (\(directorySize) bytes at byte \(directoryOffset)) does not end "
                    + "where its end record starts (byte \(endRecord))")
        }
        let directory = try read(at: directoryOffset, count: Int(directorySize))
        var names = Set<String>()
        var offset = 0
        for index in 0..<count {
            guard offset + 46 <= directory.count, Self.uint32(directory, offset) == 0x0201_4B50 else {
                throw damaged("its end record counts \(count) entries but the central directory holds \(index)")
            }
            let nameLength = Int(Self.uint16(directory, offset + 28))
            let recordLength =
                46 + nameLength + Int(Self.uint16(directory, offset + 30)) + Int(Self.uint16(directory, offset + 32))
            guard offset + recordLength <= directory.count else {
                throw damaged("entry \(index + 1)'s record is cut short")
            }
            let nameBytes = Array(directory[(offset + 46)..<(offset + 46 + nameLength)])
            let name = String(decoding: nameBytes, as: UTF8.self)
            // C strings (SQLite's text, file names, other zip tools) end at a NUL: `good.csv\0.exe` would be
            // stored and reported as another name than the entry's.
            guard !nameBytes.contains(0) else {
                let shown = String(name.flatMap { $0 == "\u{0}" ? ["\\", "0"] : [$0] })
                throw damaged("entry \(index + 1)'s name \(Self.quoted(shown)) holds a NUL byte, as no name may")
            }
            let compressed = Self.uint32(directory, offset + 20), expanded = Self.uint32(directory, offset + 24)
            let local = Self.uint32(directory, offset + 42)
            if compressed == 0xFFFF_FFFF || expanded == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw SDMXError(
                    .unsupportedFormat,
                    "\(self.name) is a ZIP64 archive, which idac does not read; zip the files without ZIP64")
            }
            guard names.insert(name).inserted else {
                throw damaged(
                    "it holds two entries named \(Self.quoted(name)), which readers would tell apart differently")
            }
            var entry = Entry(
                name: name, method: Self.uint16(directory, offset + 10), compressedSize: Int64(compressed),
                uncompressedSize: Int64(expanded), crc32: Self.uint32(directory, offset + 16), index: index,
                flags: Self.uint16(directory, offset + 8), localHeaderOffset: Int64(local))
            entry.dataOffset = try checkLocalHeader(of: entry, nameBytes: nameBytes, before: directoryOffset)
            entries.append(entry)
            offset += recordLength
        }
        guard offset == directory.count else {
            throw damaged("its end record counts \(count) entries but the central directory holds more")
        }
        try checkNoOverlap(before: directoryOffset)
        try checkDeclaredExpansion(archiveBytes: size)
    }

    /// The entry's local header must agree with its directory record: its name, method, flags that
    /// change how the data reads, and CRC and sizes (each of which may be 0 when a data descriptor
    /// follows the data).
    private func checkLocalHeader(of entry: Entry, nameBytes: [UInt8], before directoryOffset: Int64) throws -> Int64 {
        let label = "entry \(Self.quoted(entry.name))"
        guard entry.localHeaderOffset + 30 + Int64(nameBytes.count) <= directoryOffset else {
            throw damaged("\(label)'s local header offset points past the entries' data")
        }
        let header = try read(at: entry.localHeaderOffset, count: 30 + nameBytes.count)
        guard Self.uint32(header, 0) == 0x0403_4B50 else {
            throw damaged("\(label) has no local header where the directory says")
        }
        guard Array(header[30...]) == nameBytes, Int(Self.uint16(header, 26)) == nameBytes.count else {
            throw damaged("\(label)'s local header names another file")
        }
        guard Self.uint16(header, 8) == entry.method, Self.uint16(header, 6) & 0x0009 == entry.flags & 0x0009 else {
            throw damaged("\(label)'s local header gives another compression method or flags than the directory")
        }
        let hasDescriptor = entry.flags & 0x0008 != 0
        let local = (
            crc: Self.uint32(header, 14), compressed: Int64(Self.uint32(header, 18)),
            expanded: Int64(Self.uint32(header, 22))
        )
        let agrees =
            local.crc == entry.crc32 && local.compressed == entry.compressedSize
            && local.expanded == entry.uncompressedSize
        // With a data descriptor, a writer may leave any of them 0 (some fill in the expanded size).
        let deferred =
            hasDescriptor && (local.crc == 0 || local.crc == entry.crc32)
            && (local.compressed == 0 || local.compressed == entry.compressedSize)
            && (local.expanded == 0 || local.expanded == entry.uncompressedSize)
        guard agrees || deferred else {
            throw damaged("\(label)'s local header gives other sizes or another CRC-32 than the directory")
        }
        return entry.localHeaderOffset + 30 + Int64(nameBytes.count) + Int64(Self.uint16(header, 28))
    }

    /// Each entry's bytes (header, data and data descriptor) are its own: two directory records
    /// pointing at the same data would expand it twice.
    private func checkNoOverlap(before directoryOffset: Int64) throws {
        var spans: [(start: Int64, end: Int64, name: String)] = []
        spans.reserveCapacity(entries.count)
        for entry in entries {
            var end = entry.dataOffset + entry.compressedSize
            if entry.flags & 0x0008 != 0 {
                // A data descriptor: CRC and sizes, 12 bytes, after an optional signature.
                let signed = try end + 4 <= directoryOffset && read(at: end, count: 4) == [0x50, 0x4B, 0x07, 0x08]
                end += signed ? 16 : 12
            }
            guard end <= directoryOffset else {
                throw damaged("entry \(Self.quoted(entry.name))'s data runs past the entries into the directory")
            }
            spans.append((entry.localHeaderOffset, end, entry.name))
        }
        spans.sort { $0.start < $1.start }
        for (previous, next) in zip(spans, spans.dropFirst()) where next.start < previous.end {
            throw damaged(
                "entries \(Self.quoted(previous.name)) and \(Self.quoted(next.name)) share "
                    + "the same bytes; it was refused as a possible archive bomb")
        }
    }

    /// What all the entries say they expand to, against the limits for the whole archive.
    private func checkDeclaredExpansion(archiveBytes: Int64) throws {
        let declared = entries.reduce(Int64(0)) { $0 + $1.uncompressedSize }
        if declared > limits.maxExpandedBytes {
            throw SDMXError(
                .limitExceeded,
                "\(self.name) declares \(declared >> 20) MB once expanded (all its entries together), "
                    + "more than the \(limits.maxExpandedBytes >> 20) MB accepted; it was refused as a possible archive bomb"
            )
        }
        if declared > limits.ratioCheckAfterBytes, declared > limits.maxRatio * max(archiveBytes, 1) {
            throw SDMXError(
                .limitExceeded,
                "\(self.name) declares it expands \(declared / max(archiveBytes, 1)) times (all its entries "
                    + "together), more than the \(limits.maxRatio) accepted; it was refused as a possible archive bomb")
        }
    }

    /// An entry's name for a message: quoted, and cut short if a hostile archive made it long.
    static func quoted(_ name: String) -> String {
        name.count > 120 ? "'\(name.prefix(120))…'" : "'\(name)'"
    }

    static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
