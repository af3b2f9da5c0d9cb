#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SDMXModel

/// Standard input, a pipe or a FIFO, read as a stream: nothing is assumed about its size or that it
/// can be read again. What was read is kept (up to ``replayLimit``) and replayed by the next read,
/// so format detection can look at the first bytes and the reader then read everything; past the
/// limit, a second full read is an error that says to save the input to a file.
public final class StreamSource: ByteSource {
    /// Bytes kept for the next read: detection reads a few KB (of the expanded content, for gzip).
    public static let replayLimit = 1 << 20

    /// See ``ByteSource``: `<stdin>` for standard input, else the path.
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var recorded: [UInt8] = []
    private var recording = true
    private var atEnd = false
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)

    /// Opens `path`; `-` is standard input, named `<stdin>` in reports.
    public init(path: String) throws {
        if path == "-" {
            name = "<stdin>"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            name = path
            // Non-blocking: opening a FIFO no one writes to would block forever.
            let opened = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard opened >= 0 else {
                throw SDMXError(
                    .unreadableFile,
                    "cannot open \(path): \(String(cString: strerror(errno))); "
                        + "check the path and its permissions")
            }
            var info = stat()
            guard fstat(opened, &info) == 0, Self.isOpenAlready(info, besides: opened) else {
                close(opened)
                throw SDMXError(
                    .unreadableFile,
                    "\(path) is \(Self.kind(of: info.st_mode)), not a file: idac reads one only when it is already "
                        + "open to idac (standard input, /dev/stdin, a <(…) substitution), since one nobody writes "
                        + "to would block the run forever; give it as standard input: idac validate - < \(path)")
            }
            let flags = fcntl(opened, F_GETFL)
            guard flags >= 0, fcntl(opened, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
                let reason = String(cString: strerror(errno))
                close(opened)
                throw SDMXError(.unreadableFile, "cannot read \(path): \(reason)")
            }
            descriptor = opened
            ownsDescriptor = true
        }
    }

    /// Whether `info` is what one of this process's other descriptors has open: a pipe the shell handed
    /// over (`/dev/stdin`, `/dev/fd/63`), which has its writer. A named FIFO, a device or a socket found by
    /// its path has no such guarantee.
    private static func isOpenAlready(_ info: stat, besides own: Int32) -> Bool {
        let limit = min(Int32(truncatingIfNeeded: sysconf(Int32(_SC_OPEN_MAX))), 4096)
        for descriptor in 0..<max(limit, 256) where descriptor != own {
            var other = stat()
            if fstat(descriptor, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino,
                other.st_mode & S_IFMT == info.st_mode & S_IFMT
            {
                return true
            }
        }
        return false
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Whether `path` names something read as a stream (`-`, a pipe, a FIFO, a device, a socket)
    /// rather than a regular file (``init(path:)`` takes only those already open to idac).
    public static func isStream(_ path: String) -> Bool {
        if path == "-" { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFCHR || kind == S_IFSOCK || kind == S_IFBLK
    }

    /// See ``ByteSource``: what was kept replayed first, then the rest of the stream; a second read of a stream longer
    /// than ``replayLimit`` throws, saying to save it to a file.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard recording else {
            throw SDMXError(
                .unreadableFile,
                "\(name) is a stream larger than \(Self.replayLimit >> 20) MB that was "
                    + "already read once, and a stream cannot be read again; save it to a file first")
        }
        if !recorded.isEmpty { try recorded.withUnsafeBufferPointer { try body($0) } }
        while !atEnd {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SDMXError(.unreadableFile, "reading \(name) failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                atEnd = true
                return
            }
            if recording, recorded.count + count <= Self.replayLimit {
                recorded.append(contentsOf: buffer[0..<count])
            } else {
                recording = false
                recorded = []
            }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}
