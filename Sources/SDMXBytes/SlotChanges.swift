#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes each slot last received from an observation record, so that the validator (its
/// `SlotTable`) can tell
/// which values changed since the observation before: in a file most of them do not (a series'
/// dimensions and attributes repeat on every row of a CSV), and a value that did not change is
/// neither made into text nor checked again.
///
/// Slots are numbered like the structure's components; a slot's bit in a change mask is
/// ``bit(_:)`` (slots beyond the 64th have none: the validator checks such wide structures in full).
public final class SlotChanges {
    /// Made with the validator on the reading thread and used on the validating one: padded, so
    /// that its fields share no cache line with what the reading thread writes (``CacheLinePadding``).
    private let paddingBefore = CacheLinePadding()
    /// Values longer than this are not kept: they count as changed every time.
    public static let width = 64

    private var count: Int
    @usableFromInline private(set) var bytes: UnsafeMutablePointer<UInt8>
    /// Per slot, the length of the bytes kept, or -1 when nothing is kept.
    @usableFromInline private(set) var lengths: UnsafeMutablePointer<Int>
    private let paddingAfter = CacheLinePadding()

    /// Makes room for `count` slots, nothing kept (every slot's next value counts as changed).
    public init(count: Int) {
        self.count = count
        bytes = .allocate(capacity: max(1, count) * Self.width)
        lengths = .allocate(capacity: max(1, count))
        lengths.initialize(repeating: -1, count: max(1, count))
    }

    /// Starts again with `count` slots, nothing kept (the validator keeps one instance, a `let`
    /// that its hot path reads without counting a reference).
    public func reset(count: Int) {
        bytes.deallocate()
        lengths.deallocate()
        self.count = count
        bytes = .allocate(capacity: max(1, count) * Self.width)
        lengths = .allocate(capacity: max(1, count))
        lengths.initialize(repeating: -1, count: max(1, count))
    }

    deinit {
        bytes.deallocate()
        lengths.deallocate()
    }

    /// The slot's bit in a change mask; 0 for slots beyond the 64th, which have none.
    @inlinable @inline(__always)
    public static func bit(_ slot: Int) -> UInt64 { slot < 64 ? 1 << UInt64(slot) : 0 }

    /// Whether a change mask says the slot changed; a slot without a bit always counts as changed.
    @inlinable @inline(__always)
    public static func changed(_ slot: Int, in mask: UInt64) -> Bool {
        slot >= 64 || mask & (1 << UInt64(slot)) != 0
    }

    /// The slots' bits; all bits when one has none, so that the mask meets every change.
    @inlinable
    public static func mask<S: Sequence<Int>>(_ slots: S) -> UInt64 {
        slots.reduce(0) { $1 >= 64 ? ~0 : $0 | bit($1) }
    }

    /// Whether `value` is what the slot last received; when it is not, it is kept for next time.
    @inlinable @inline(__always)
    public func isSame(_ slot: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = value.count
        let kept = bytes + slot * Self.width
        if lengths[slot] == length, length == 0 || ShortBytes.equal(kept, value.baseAddress!, length) { return true }
        if length <= Self.width {
            if length > 0 { ShortBytes.copy(value.baseAddress!, to: kept, length) }
            lengths[slot] = length
        } else {
            lengths[slot] = -1
        }
        return false
    }

    /// Whether the record's value `position` is what the slot last received (``isSame(_:_:)``).
    @inlinable @inline(__always)
    public func isSame(_ slot: Int, _ record: ObservationRecord, at position: Int) -> Bool {
        isSame(slot, record.bytes(at: position))
    }

    /// The bytes the slot last received, when they were kept (at most ``width`` of them): borrowed
    /// until the slot next changes (``isSame(_:_:)``, ``forget(_:)``, ``reset(count:)``).
    @inlinable @inline(__always)
    public func kept(_ slot: Int) -> UnsafeBufferPointer<UInt8>? {
        let length = lengths[slot]
        return length < 0 ? nil : UnsafeBufferPointer(start: bytes + slot * Self.width, count: length)
    }

    /// Forgets what the slot received: its next value counts as changed.
    @inlinable
    public func forget(_ slot: Int) {
        lengths[slot] = -1
    }

    /// Forgets what every slot received: the next value of each counts as changed.
    public func forgetAll() {
        lengths.update(repeating: -1, count: max(1, count))
    }
}
