#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Equality of byte strings that are mostly a few bytes long (codes, numbers, periods), run for
/// every value of every observation.
public enum ShortBytes {
    /// Copies `length` bytes from `source` to `target` (not overlapping) as ``equal(_:_:_:)``
    /// reads them: short values by two overlapping loads and stores, longer ones by memmove.
    @inlinable @inline(__always)
    public static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, _ length: Int) {
        let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
        switch length {
        case 0:
            return
        case 1...3:
            target[0] = source[0]
            target[length >> 1] = source[length >> 1]
            target[length - 1] = source[length - 1]
        case 4...8:
            let (first, last) = (
                from.loadUnaligned(as: UInt32.self), from.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            )
            to.storeBytes(of: first, as: UInt32.self)
            to.storeBytes(of: last, toByteOffset: length - 4, as: UInt32.self)
        case 9...16:
            let (first, last) = (
                from.loadUnaligned(as: UInt64.self), from.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            )
            to.storeBytes(of: first, as: UInt64.self)
            to.storeBytes(of: last, toByteOffset: length - 8, as: UInt64.self)
        default:
            target.update(from: source, count: length)
        }
    }

    /// Whether `length` bytes at `a` and `b` are the same: two overlapping loads cover up to 16
    /// bytes (three bytes the shortest), reading nothing past either end; up to 64 eight at a time
    /// with an overlapping last word; longer ones go to memcmp, whose call costs more than the
    /// loads for the rest.
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
                && x.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
                    == y.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
        case 9...16:
            let (x, y) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
            return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                    == y.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        case 17...64:
            let (x, y) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
            var offset = 0
            while offset &+ 8 < length {
                if x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                {
                    return false
                }
                offset &+= 8
            }
            return x.loadUnaligned(fromByteOffset: length &- 8, as: UInt64.self)
                == y.loadUnaligned(fromByteOffset: length &- 8, as: UInt64.self)
        default:
            return memcmp(a, b, length) == 0
        }
    }

    /// Two words that, with the length, tell byte strings of at most 16 bytes apart: equal lengths and
    /// equal words mean equal bytes (the loads of ``equal(_:_:_:)``, kept as values). For a cache that
    /// keeps short values without holding memory of its own. `bytes` has at most 16 bytes.
    @inlinable @inline(__always)
    public static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let length = bytes.count
        precondition(length <= 16, "a key covers at most 16 bytes")
        guard let base = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        switch length {
        case 0:
            return (0, 0)
        case 1...3:
            return (UInt64(base[0]) | UInt64(base[length >> 1]) << 8 | UInt64(base[length - 1]) << 16, 0)
        case 4...8:
            return (
                UInt64(raw.loadUnaligned(as: UInt32.self))
                    | UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)) << 32, 0
            )
        default:
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self))
        }
    }
}
