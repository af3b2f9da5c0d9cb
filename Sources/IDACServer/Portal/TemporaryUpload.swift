import Foundation
import NIOCore
import SDMXModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An upload on its way to the validator: a file of its own in the service's upload folder, made with
/// `O_CREAT | O_EXCL | O_NOFOLLOW` and mode 0600 under a random name (never the client's file name), and
/// removed when the request ends, whatever happens (``remove()``, and `deinit` as the last resort).
final class TemporaryUpload {
    let path: String
    private var handle: FileHandle?
    private(set) var size = 0

    init(directory: String) throws {
        var generator = SystemRandomNumberGenerator()
        let name = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
            .joined()
        path = directory + "/upload-" + name
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PortalError(.internalServerError, "the service cannot take uploads just now")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ bytes: some Collection<UInt8>) throws {
        guard let handle else { return }
        try handle.write(contentsOf: Data(bytes))
        size += bytes.count
    }

    func write(_ buffer: ByteBuffer) throws {
        try write(buffer.readableBytesView)
    }

    /// Closes the file for writing: it is then read by path.
    func finishWriting() throws {
        try handle?.close()
        handle = nil
    }

    func remove() {
        try? handle?.close()
        handle = nil
        unlink(path)
    }

    deinit {
        remove()
    }

    /// Makes (or checks) the service's upload folder: a real folder (not a link), the service user's own,
    /// that no one else may enter (0700). Anything else stops the start: in a folder another user can
    /// write, an upload could be swapped between its check and its storing.
    /// Returns whether it made the folder (false: it was there already, and is fit).
    @discardableResult
    static func makeDirectory(_ path: String) throws -> Bool {
        let made = mkdir(path, 0o700) == 0
        if !made && errno != EEXIST {
            throw SDMXError(.unreadableFile, "cannot make the upload folder \(path): give --upload-directory")
        }
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == geteuid(),
            status.st_mode & 0o077 == 0
        else {
            throw SDMXError(
                .unreadableFile,
                "the upload folder \(path) must be a folder (not a link) of the user running idac serve, with "
                    + "mode 0700: give --upload-directory a new path, or fix its owner and mode")
        }
        return made
    }
}
