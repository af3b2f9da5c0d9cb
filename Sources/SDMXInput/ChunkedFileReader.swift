#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SDMXModel

/// Reads a file in fixed-size chunks into one reused buffer, so readers stream any size of input in
/// constant memory. Each call to ``forEachChunk(_:)`` reads the file from its start.
public final class ChunkedFileReader: ByteSource {
    /// The file's path, as opened.
    public let path: String
    /// How messages call the file: its path, unless the caller reads it under another name (an upload's
    /// private file is named by the file name its sender gave, never by where it is kept).
    public let name: String
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8]

    /// Opens the file; throws an ``SDMXError`` saying why it cannot be read.
    public init(path: String, name: String? = nil, chunkSize: Int = 256 * 1024) throws {
        self.path = path
        let name = name ?? path
        self.name = name
        do {
            guard let opened = fopen(path, "rb") else {
                let reason = String(cString: strerror(errno))
                throw SDMXError(.unreadableFile, "cannot open \(name): \(reason); check the path and its permissions")
            }
            var info = stat()
            if fstat(fileno(opened), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                fclose(opened)
                throw SDMXError(.unreadableFile, "\(name) is a folder, not a file; name the files inside it")
            }
            handle = opened
        }
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 16))
    }

    deinit {
        fclose(handle)
    }

    /// Calls `body` with each chunk in turn until the end of the file; the buffer is valid only
    /// during the call.
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        rewind(handle)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if count > 0 {
                try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            }
            if count < buffer.count {
                if ferror(handle) != 0 {
                    throw SDMXError(.unreadableFile, "reading \(name) failed: \(String(cString: strerror(errno)))")
                }
                return
            }
        }
    }

    /// The first `count` bytes of a file, for format detection.
    public static func prefix(ofFileAt path: String, count: Int) throws -> [UInt8] {
        try ChunkedFileReader(path: path, chunkSize: count).prefix(count)
    }
}
