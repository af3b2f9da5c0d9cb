/// A strong reference (or none) that a per-observation path uses without counting a reference per
/// use: ``withObject(_:)`` lends the object through an `Unmanaged` copy kept beside the strong one.
///
/// `~Copyable`: it is always borrowed in place (a class's stored property is read without a copy, so
/// without a retain), and the `Unmanaged` copy can never outlive the strong reference it mirrors.
public struct UncountedReference<Object: AnyObject>: ~Copyable {
    /// Keeps the object alive; ``unmanaged`` always mirrors it.
    public private(set) var object: Object?
    @usableFromInline private(set) var unmanaged: Unmanaged<Object>?

    /// Holds `object` (or none), strongly.
    public init(_ object: Object? = nil) {
        self.object = object
        unmanaged = object.map(Unmanaged.passUnretained)
    }

    /// Replaces the object (the old one is released, the new one retained).
    public mutating func set(_ object: Object?) {
        self.object = object
        unmanaged = object.map(Unmanaged.passUnretained)
    }

    /// Whether there is an object.
    @inlinable public var isSet: Bool { unmanaged != nil }

    /// Calls `body` with the object, counting no reference; nil (and `body` not called) when there is none.
    @inlinable @inline(__always) @discardableResult
    public func withObject<Result>(_ body: (Object) throws -> Result) rethrows -> Result? {
        guard let unmanaged else { return nil }
        return try unmanaged._withUnsafeGuaranteedRef(body)
    }
}
