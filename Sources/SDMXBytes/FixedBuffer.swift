/// A buffer of elements in raw memory, owned: allocated, initialised with one value, and freed with
/// the buffer. Its subscript runs for every value of every observation (a slot table, the rules'
/// inputs), without the uniqueness check and reference count of an array; indices are checked in
/// debug builds only, so its owner keeps them in range (the layouts it was sized for).
///
/// `~Copyable`: it lives in its owner's field and is borrowed there, never copied or shared; the
/// views it lends (``withBuffer(_:)``, ``withBaseAddress(_:)``) are valid during the call.
public struct FixedBuffer<Element>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    /// How many elements it holds.
    public private(set) var count: Int

    /// `count` elements, each `value`.
    public init(repeating value: Element, count: Int) {
        self.count = max(0, count)
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: value, count: self.count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Replaces the elements with `count` of `value` (the memory reallocated only when it grows).
    public mutating func reset(repeating value: Element, count newCount: Int) {
        base.deinitialize(count: count)
        if newCount > count {
            base.deallocate()
            base = .allocate(capacity: max(1, newCount))
        }
        count = max(0, newCount)
        base.initialize(repeating: value, count: count)
    }

    /// Sets every element to `value`.
    @inlinable
    public func fill(with value: Element) {
        base.update(repeating: value, count: count)
    }

    /// The element at `index`, read or written in place; `index` must be in `0..<count` (checked in debug builds only).
    @inlinable
    public subscript(index: Int) -> Element {
        @inline(__always) get {
            assert(index >= 0 && index < count, "index \(index) of \(count)")
            return base[index]
        }
        @inline(__always) nonmutating set {
            assert(index >= 0 && index < count, "index \(index) of \(count)")
            base[index] = newValue
        }
    }

    /// Calls `body` with the elements, borrowed for the call.
    @inlinable @inline(__always)
    public func withBuffer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Calls `body` with the first element's address, borrowed for the call (for C-style APIs that
    /// take a pointer and read no further than ``count``).
    @inlinable @inline(__always)
    public func withBaseAddress<Result>(_ body: (UnsafePointer<Element>) throws -> Result) rethrows -> Result {
        try body(UnsafePointer(base))
    }
}

extension FixedBuffer where Element == UInt8 {
    /// The first `length` bytes, copied in from `bytes`, borrowed until the buffer next changes: the
    /// owner's scratch copy of a value it hands out as bytes.
    public mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if bytes.count > count { reset(repeating: 0, count: bytes.count) }
        if let source = bytes.baseAddress { base.update(from: source, count: bytes.count) }
        return UnsafeBufferPointer(start: base, count: bytes.count)
    }
}
