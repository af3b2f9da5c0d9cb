/// 64 bytes of nothing, stored in an object to keep its other fields off a cache line that a
/// neighbouring object, used on another thread, writes (false sharing).
struct CacheLinePadding {
    private let words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
}
