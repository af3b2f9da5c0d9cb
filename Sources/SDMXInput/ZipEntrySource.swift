internal import CZlib
import SDMXModel

/// One zip entry's content: its compressed bytes read in chunks and inflated (or copied, if stored).
/// At its end the bytes must be as many as the archive declares and match its CRC-32: a damaged
/// transmission throws there, so the reader (and an ingest's transaction) stops with an error.
final class ZipEntrySource: ByteSource {
    /// A read buffer and a decompressor, kept by the archive and lent to each entry in turn: reading
    /// 10 000 small entries then allocates (and maps) nothing per entry.
    final class Scratch {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        var inflater: Inflater?
    }

    let archive: ZipArchive
    let entry: ZipArchive.Entry
    let name: String

    init(archive: ZipArchive, entry: ZipArchive.Entry, name: String) {
        self.archive = archive
        self.entry = entry
        self.name = name
    }

    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try archive.withScratch { scratch in try stream(with: scratch, body) }
    }

    private func stream(with scratch: Scratch, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var inflater: Inflater?
        if entry.method == 8 {
            if let reused = scratch.inflater {
                reused.reset(name: name)
                inflater = reused
            } else {
                inflater = try Inflater(format: .rawDeflate, name: name, limits: archive.limits)
                scratch.inflater = inflater
            }
        }
        var produced: Int64 = 0
        var crc = crc32(0, nil, 0)
        func emit(_ chunk: UnsafeBufferPointer<UInt8>) throws {
            produced += Int64(chunk.count)
            guard produced <= entry.uncompressedSize else {
                throw SDMXError(
                    .malformedInput,
                    "\(name) expands past the \(entry.uncompressedSize) bytes its archive "
                        + "declares; the archive is damaged")
            }
            try archive.budget.note(entry: entry.index, expanded: produced)
            crc = crc32(crc, chunk.baseAddress, UInt32(chunk.count))
            try body(chunk)
        }
        var position = entry.dataOffset
        var remaining = entry.compressedSize
        while remaining > 0 {
            let wanted = Int(min(Int64(scratch.buffer.count), remaining))
            let read = try scratch.buffer.withUnsafeMutableBytes { all in
                try archive.read(into: UnsafeMutableRawBufferPointer(rebasing: all[0..<wanted]), at: position)
            }
            guard read > 0 else {
                throw SDMXError(.malformedInput, "\(name) ends too early; the archive may be truncated")
            }
            remaining -= Int64(read)
            position += Int64(read)
            try scratch.buffer.withUnsafeBufferPointer { all in
                let chunk = UnsafeBufferPointer(rebasing: all[0..<read])
                if let inflater { try inflater.feed(chunk, emit) } else { try emit(chunk) }
            }
        }
        if let inflater {
            try inflater.finish()
            guard inflater.leftover == 0 else {
                throw SDMXError(
                    .malformedInput,
                    "\(name): the compressed data ends \(inflater.leftover) bytes before the "
                        + "size its archive declares; the archive is damaged")
            }
        }
        guard produced == entry.uncompressedSize else {
            throw SDMXError(
                .malformedInput,
                "\(name) expands to \(produced) bytes, not the \(entry.uncompressedSize) its "
                    + "archive declares; the archive is damaged")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw SDMXError(
                .malformedInput,
                "\(name) fails its CRC-32 check (the archive says "
                    + "\(Self.hex(entry.crc32)), the content gives \(Self.hex(UInt32(truncatingIfNeeded: crc)))): "
                    + "it was damaged on its way; send it again")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
