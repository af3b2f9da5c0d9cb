#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import IDACSubmission
import SDMXInput
import SDMXModel

/// A file in `incoming/`, held open from the moment the inbox looks at it until it has been archived.
///
/// Whoever writes to an inbox may leave there a FIFO (reading it would block the run forever), a symlink
/// to `/etc/shadow` (root would read it and quote it in a report), or a file still being written. The file
/// is opened with `O_NOFOLLOW | O_NONBLOCK` and judged by `fstat` on that descriptor, so only a regular
/// file that really is in `incoming/` is ever read; it is read through the descriptor, so a file swapped in
/// under the same name after the check is not the one read; and what it was at the start (identity, size,
/// modification and change times) is compared again before its data is committed. The content is hashed once,
/// by the ``Ingestor``, which reads it through the same descriptor: a write after that moves the change time
/// (which no one can set back, unlike the modification time), so the file is not hashed again.
final class InboxFile {
    /// Why a name in `incoming/` is not taken.
    enum Refusal: Error, CustomStringConvertible {
        case notRegular(String)
        case vanished
        case unreadable(String)

        var description: String {
            switch self {
            case .notRegular(let kind): "it is \(kind), not a regular file: left in place, never read"
            case .vanished: "it disappeared before it could be read"
            case .unreadable(let reason): "it cannot be opened: \(reason)"
            }
        }
    }

    /// What identifies the file's content without reading it.
    struct Snapshot: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        /// The inode's change time: moved by every write, and by setting the modification time back.
        var changedSeconds: Int
        var changedNanoseconds: Int
    }

    let path: String
    let descriptor: Int32
    let atStart: Snapshot

    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ELOOP: throw Refusal.notRegular("a symbolic link")
            case ENOENT: throw Refusal.vanished
            default: throw Refusal.unreadable(String(cString: strerror(errno)))
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Refusal.unreadable(reason)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw Refusal.notRegular(Self.kind(of: status.st_mode))
        }
        self.path = path
        self.descriptor = descriptor
        atStart = Self.snapshot(status)
    }

    deinit { close(descriptor) }

    /// A path that opens this very file (not whatever bears its name now): the descriptor's entry in
    /// `/proc/self/fd` (`/dev/fd` elsewhere).
    var readablePath: String {
        #if os(Linux)
            "/proc/self/fd/\(descriptor)"
        #else
            "/dev/fd/\(descriptor)"
        #endif
    }

    /// The file's modification time, in seconds since 1970.
    var modified: Double { Double(atStart.modifiedSeconds) + Double(atStart.modifiedNanoseconds) / 1e9 }

    /// Why the file is no longer what it was at the start, or nil when it is the same: the same file still
    /// under its name in `incoming/`, of the same size, modification and change times (so what was hashed
    /// and read is what is there, without reading it a third time).
    func change() -> String? {
        if let written = writtenSinceStart() { return written }
        var named = stat()
        guard lstat(path, &named) == 0 else { return "it was removed from incoming while it was being read" }
        return isIdentical(to: named) ? nil : "another file took its name while it was being read"
    }

    /// Whether its name in `incoming/` still names this very file (not one put there since).
    func holdsItsName() -> Bool {
        var named = stat()
        return lstat(path, &named) == 0 && isIdentical(to: named)
    }

    /// Whether `status` is this file's (the same device and inode).
    func isIdentical(to status: stat) -> Bool {
        UInt64(status.st_dev) == atStart.device && UInt64(status.st_ino) == atStart.inode
    }

    /// Why the file's own size or times differ from the start (wherever it is now), or nil. Once the inbox
    /// has moved the file (which sets its change time), only its size and modification time are compared.
    func writtenSinceStart(movedSince: Bool = false) -> String? {
        var now = stat()
        guard fstat(descriptor, &now) == 0 else { return "it can no longer be examined" }
        var snapshot = Self.snapshot(now)
        if movedSince {
            snapshot.changedSeconds = atStart.changedSeconds
            snapshot.changedNanoseconds = atStart.changedNanoseconds
        }
        return snapshot == atStart ? nil : "it was written to while it was being read"
    }

    static func snapshot(_ status: stat) -> Snapshot {
        #if os(Linux)
            let modified = status.st_mtim, changed = status.st_ctim
        #else
            let modified = status.st_mtimespec, changed = status.st_ctimespec
        #endif
        return Snapshot(
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
            modifiedSeconds: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec),
            changedSeconds: Int(changed.tv_sec), changedNanoseconds: Int(changed.tv_nsec))
    }

    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
