/// The FNV-1a hash, 64 bits: the same in every run (Swift's `Hasher` is seeded per process) and cheap
/// on the short values it is fed per series and per observation. Values are combined byte by byte,
/// or a byte (a separator) or another hash at a time.
public struct FNV1a {
    /// The hash of what was combined so far.
    public var value: UInt64 { state }
    @usableFromInline var state: UInt64 = 0xcbf29ce484222325

    /// Starts from the FNV-1a 64-bit offset basis, so that equal inputs give equal hashes in every run.
    public init() {}

    /// Mixes in one byte (the FNV-1a step: xor, then multiply by the FNV prime).
    @inlinable @inline(__always)
    public mutating func combine(byte: UInt8) {
        combine(word: UInt64(byte))
    }

    /// Mixes in a whole 64-bit word (another hash) as one step.
    @inlinable @inline(__always)
    public mutating func combine(word: UInt64) {
        state = (state ^ word) &* 0x100000001b3
    }

    /// Mixes in the bytes one at a time, in order.
    @inlinable @inline(__always)
    public mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { combine(byte: byte) }
    }

    /// The text's UTF-8 bytes.
    @inlinable
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine($0) }
    }
}
