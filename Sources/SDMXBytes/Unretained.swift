/// A copyable reference that counts nothing, for the length of one call: a value a method makes and
/// passes down (``with(_:_:)``, whose closure the object outlives), or an entry of a table whose
/// objects the table's owner holds strongly in another field (``init(keptElsewhere:)``; the owner's
/// doc comment names that field). Reading the object through it costs no retain and no release.
public struct Unretained<Object: AnyObject> {
    @usableFromInline let unmanaged: Unmanaged<Object>

    /// A reference to `object`, which the caller keeps alive in a field of its own for as long as
    /// this reference (and its copies) exist.
    @inlinable
    public init(keptElsewhere object: Object) {
        unmanaged = .passUnretained(object)
    }

    /// Calls `body` with an unretained reference to `object`, which lives at least until `body` returns.
    @inlinable @inline(__always)
    public static func with<Result>(_ object: Object, _ body: (Unretained<Object>) throws -> Result) rethrows
        -> Result
    {
        try withExtendedLifetime(object) { try body(Unretained(keptElsewhere: object)) }
    }

    /// Calls `body` with the object, counting no reference.
    @inlinable @inline(__always)
    public func withObject<Result>(_ body: (Object) throws -> Result) rethrows -> Result {
        try unmanaged._withUnsafeGuaranteedRef(body)
    }
}
