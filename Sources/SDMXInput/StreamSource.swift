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
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else {
                throw SDMXError(
                    .unreadableFile,
                    "cannot open \(path): \(String(cString: strerror(errno))); "
                        + "check the path and its permissions")
            }
            descriptor = opened
            ownsDescriptor = true
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Whether `path` names something read as a stream (`-`, a pipe, a FIFO, a device, a socket)
    /// rather than a regular file.
    public static func isStream(_ path: String) -> Bool {
        if path == "-" { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFCHR || kind == S_IFSOCK
    }

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
