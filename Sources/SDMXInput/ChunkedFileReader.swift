#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SDMXModel

/// Reads a file (or standard input, as `-`) in fixed-size chunks into one reused buffer, so readers
/// stream any size of input in constant memory.
public final class ChunkedFileReader {
    public let path: String
    private let handle: UnsafeMutablePointer<FILE>
    private let ownsHandle: Bool
    private var buffer: [UInt8]

    /// Opens the file; throws an ``SDMXError`` saying why it cannot be read.
    public init(path: String, chunkSize: Int = 256 * 1024) throws {
        self.path = path
        if path == "-" {
            guard let input = fdopen(0, "rb") else {
                throw SDMXError(.unreadableFile, "cannot read standard input")
            }
            handle = input
            ownsHandle = false
        } else {
            guard let opened = fopen(path, "rb") else {
                let reason = String(cString: strerror(errno))
                throw SDMXError(.unreadableFile, "cannot open \(path): \(reason); check the path and its permissions")
            }
            var info = stat()
            if fstat(fileno(opened), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                fclose(opened)
                throw SDMXError(.unreadableFile, "\(path) is a folder, not a file; name the files inside it")
            }
            handle = opened
            ownsHandle = true
        }
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 16))
    }

    deinit {
        if ownsHandle { fclose(handle) }
    }

    /// Calls `body` with each chunk in turn until the end of the file; the buffer is valid only
    /// during the call.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if count > 0 {
                try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            }
            if count < buffer.count {
                if ferror(handle) != 0 {
                    throw SDMXError(.unreadableFile, "reading \(path) failed: \(String(cString: strerror(errno)))")
                }
                return
            }
        }
    }

    /// The first `count` bytes of a file, for format detection.
    public static func prefix(ofFileAt path: String, count: Int) throws -> [UInt8] {
        let reader = try ChunkedFileReader(path: path, chunkSize: count)
        guard let file = reader.ownsHandle ? reader.handle : nil else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, file) }
        return Array(bytes[0..<read])
    }
}
