#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SDMXModel

/// Where written output goes: standard output, or a file written through a temporary file in the
/// same folder that is renamed into place only when complete, so nobody ever sees a partial file.
public final class OutputSink {
    private let path: String?
    private let temporary: String?
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false

    public init(path: String?) throws {
        self.path = path
        if let path {
            let temporary = "\(path).partial-\(getpid())"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                throw SDMXError(.unreadableFile, "cannot write \(path): \(String(cString: strerror(errno))); check the folder exists and is writable")
            }
            self.temporary = temporary
            self.descriptor = descriptor
        } else {
            temporary = nil
            descriptor = 1
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !finished { abandon() }
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in systemWrite(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset) }
            guard written > 0 else {
                throw SDMXError(.unreadableFile, "writing \(path ?? "standard output") failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Makes the output visible: flushed, synced and renamed into place.
    public func commit() throws {
        try flush()
        finished = true
        guard let path, let temporary else { return }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SDMXError(.unreadableFile, "cannot write \(path): \(reason)")
        }
    }

    /// Drops what was written (the temporary file is removed; the target is left as it was).
    public func abandon() {
        finished = true
        guard let temporary else { return }
        close(descriptor)
        unlink(temporary)
    }
}

/// The C library's `write`, named apart from the sink's own method.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
