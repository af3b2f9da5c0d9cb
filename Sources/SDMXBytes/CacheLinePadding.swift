/// 64 bytes of nothing, stored in an object to keep its other fields off a cache line that a
/// neighbouring object, used on another thread, writes (false sharing). An object padded at both
/// ends shares no written line with a neighbour padded the same way: its header (where the
/// reference count is) follows the neighbour's padding.
public struct CacheLinePadding {
    private let words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    /// Makes the padding: 64 bytes of zeros.
    public init() {}
}
