#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SDMXModel

/// How output reaches a path the user named, decided from what is there now.
///
/// idac runs as root from cron, so `--output /dev/null` or a symlink to `/proc/self/fd/1` must never
/// turn a device, a FIFO or a link into a regular file. A regular file (or nothing) is replaced
/// atomically: written to a new, unguessable temporary file in the same folder, renamed into place only
/// when complete. Anything else — a device, a FIFO, a socket — is opened and written to as it is,
/// streaming, like standard output. A symlink is judged by what it points to; when that is a regular
/// file, the file is replaced and the link kept.
public enum OutputDestination: Equatable, Sendable {
    /// Write a temporary file beside `path` and rename it over `path` when done.
    case replace(path: String)
    /// Open `path` and write to it directly (a device, a FIFO, a socket).
    case stream(path: String)

    /// Decides from `lstat` (and, for a symlink, from what it points to) how to write to `path`.
    public static func of(_ path: String) throws -> OutputDestination {
        var status = stat()
        if lstat(path, &status) != 0 {
            guard errno == ENOENT else { throw failure(path, String(cString: strerror(errno))) }
            return .replace(path: path)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return .replace(path: path)
        case S_IFDIR:
            throw failure(path, "it is a folder; give a file name")
        case S_IFLNK:
            var target = stat()
            if stat(path, &target) != 0 {
                // A dangling link: replacing it would make the link a file; refuse instead.
                throw failure(path, "it is a symbolic link to nothing (\(String(cString: strerror(errno))))")
            }
            switch target.st_mode & S_IFMT {
            case S_IFREG:
                guard let resolved = realpath(path, nil) else { throw failure(path, String(cString: strerror(errno))) }
                defer { free(resolved) }
                return .replace(path: String(cString: resolved))
            case S_IFDIR:
                throw failure(path, "it is a link to a folder; give a file name")
            default:
                return .stream(path: path)
            }
        default:
            return .stream(path: path)
        }
    }

    /// Opens the destination for writing: the descriptor, and the temporary file to rename into place
    /// (nil when writing directly).
    func openForWriting() throws -> (descriptor: Int32, temporary: String?) {
        switch self {
        case .stream(let path):
            // Non-blocking first: a FIFO no one reads would block the open forever (ENXIO says so at
            // once); blocking again for the writes, which wait for the reader as usual.
            let descriptor = systemOpen(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard descriptor >= 0 else {
                if errno == ENXIO {
                    throw Self.failure(
                        path, "nothing is reading it (a FIFO with no reader, or a socket); start its reader first")
                }
                throw Self.failure(path, String(cString: strerror(errno)))
            }
            let flags = fcntl(descriptor, F_GETFL)
            guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw Self.failure(path, reason)
            }
            return (descriptor, nil)
        case .replace(let path):
            // O_EXCL and O_NOFOLLOW with an unguessable name: a link planted in the folder cannot
            // redirect the write.
            for _ in 0..<16 {
                let suffix = (0..<12).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement() ?? "x" }
                let temporary = "\(path).partial-\(String(suffix))"
                let descriptor = systemOpen(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
                if descriptor >= 0 { return (descriptor, temporary) }
                guard errno == EEXIST else {
                    throw Self.failure(
                        path, "\(String(cString: strerror(errno))); check the folder exists and is writable")
                }
            }
            throw Self.failure(path, "no temporary file could be made beside it")
        }
    }

    /// The path the user named (or the file a link to it resolves to).
    public var path: String {
        switch self {
        case .replace(let path), .stream(let path): path
        }
    }

    static func failure(_ path: String, _ reason: String) -> SDMXError {
        SDMXError(.unreadableFile, "cannot write \(TerminalText.escaped(path)): \(reason)")
    }
}

/// The C library's `open`, named apart from the destination's own method.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
}
