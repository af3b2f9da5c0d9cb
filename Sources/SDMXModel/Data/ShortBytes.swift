#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Equality of byte strings that are mostly a few bytes long (codes, numbers, periods), run for
/// every value of every observation.
public enum ShortBytes {
    /// Whether `length` bytes at `a` and `b` are the same: two overlapping loads cover up to 16
    /// bytes (three bytes the shortest), reading nothing past either end; longer ones go to memcmp,
    /// whose call costs more than the loads.
    @inlinable @inline(__always)
    public static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        switch length {
        case 0:
            return true
        case 1...3:
            return a[0] == b[0] && a[length >> 1] == b[length >> 1] && a[length - 1] == b[length - 1]
        case 4...8:
            let (x, y) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
        case 9...16:
            let (x, y) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
            return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        default:
            return memcmp(a, b, length) == 0
        }
    }
}
