import Foundation
import NIOCore

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

    /// Makes the service's upload folder: private to the service's user (0700).
    static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
