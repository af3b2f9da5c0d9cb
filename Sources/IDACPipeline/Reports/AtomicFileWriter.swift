#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SDMXModel

/// Writes a file through a temporary file in the same folder renamed into place, so a reader (or a
/// crash) never sees a partial report.
public enum AtomicFileWriter {
    public static func write(_ text: String, to path: String) throws {
        let temporary = "\(path).tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw SDMXError(.unreadableFile, "cannot write \(path): \(String(cString: strerror(errno))); check the folder exists and is writable")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        fclose(file)
        guard written == bytes.count, flushed, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SDMXError(.unreadableFile, "cannot write \(path): \(reason)")
        }
    }
}
