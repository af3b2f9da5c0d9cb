#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SDMXModel

/// Where written output goes: standard output, or a path. A regular file (or a new one) is written
/// through a temporary file in the same folder that is renamed into place only when complete, so nobody
/// ever sees a partial file; a device, FIFO or socket is written directly (see ``OutputDestination``).
public final class OutputSink {
    private let path: String?
    private let temporary: String?
    /// Whether output reaches its reader as it is written (standard output, a device, a FIFO), so
    /// abandoning it cannot take back what was written.
    public let streams: Bool
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    /// Bytes already handed to the destination (for a streaming one, already seen by its reader).
    public private(set) var bytesSent = 0

    /// Opens the destination: standard output when `path` is nil, else the path (a regular file through a temporary
    /// file renamed into place by `commit()`).
    public init(path: String?) throws {
        if let path {
            let destination = try OutputDestination.of(path)
            (descriptor, temporary) = try destination.openForWriting()
            self.path = destination.path
            streams = temporary == nil
        } else {
            self.path = nil
            temporary = nil
            descriptor = 1
            streams = true
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !finished { abandon() }
    }

    /// Appends text, written out in blocks of 64 KiB.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Bytes that are not text (a workbook).
    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                systemWrite(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            guard written > 0 else {
                throw SDMXError(
                    .unreadableFile,
                    "writing \((path ?? "standard output").printable) failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        bytesSent += offset
        buffer.removeAll(keepingCapacity: true)
    }

    /// Makes the output visible: flushed, synced and renamed into place.
    public func commit() throws {
        try flush()
        finished = true
        guard let path else { return }
        guard let temporary else {
            guard close(descriptor) == 0 else {
                throw OutputDestination.failure(path, String(cString: strerror(errno)))
            }
            return
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputDestination.failure(path, reason)
        }
    }

    /// Drops what was written (the temporary file is removed; the target is left as it was).
    public func abandon() {
        guard !finished else { return }
        finished = true
        guard path != nil else { return }
        close(descriptor)
        if let temporary { unlink(temporary) }
    }
}

/// The C library's `write`, named apart from the sink's own method.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
