/// A stack of at most `capacity` elements in memory that lives for one call (on the machine stack
/// when it is small): the VTL evaluator's operand stack, run for every rule on every observation,
/// where an array would be allocated, grown and freed each time.
///
/// Made only by ``with(capacity:_:)`` and lent to its closure `inout`; `~Copyable` with no public
/// initialiser, so the closure cannot keep it (do not `swap` two of them: the only way one could
/// leave its call). Every push, pop and index is checked against the capacity and the count, in
/// release builds too; the elements left when the closure returns are deinitialised.
public struct TemporaryStack<Element>: ~Copyable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    @usableFromInline let capacity: Int
    @usableFromInline var top: Int
    /// How many elements it holds.
    public var count: Int { top }

    @usableFromInline
    init(base: UnsafeMutablePointer<Element>, capacity: Int) {
        self.base = base
        self.capacity = capacity
        self.top = 0
    }

    /// Calls `body` with an empty stack that can hold `capacity` elements.
    @inlinable
    public static func with<Result>(
        capacity: Int, _ body: (inout TemporaryStack<Element>) throws -> Result
    ) rethrows -> Result {
        let capacity = max(1, capacity)
        return try withUnsafeTemporaryAllocation(of: Element.self, capacity: capacity) { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("no temporary memory") }
            var stack = TemporaryStack(base: base, capacity: capacity)
            defer { stack.removeAll() }
            return try body(&stack)
        }
    }

    /// Puts `value` on top.
    @inlinable @inline(__always)
    public mutating func push(_ value: Element) {
        precondition(top < capacity, "a stack of \(capacity) is full")
        (base + top).initialize(to: value)
        top += 1
    }

    /// Takes the top element off.
    @inlinable @inline(__always)
    public mutating func pop() -> Element {
        precondition(top > 0, "the stack is empty")
        top -= 1
        return (base + top).move()
    }

    /// Removes the top `k` elements.
    @inlinable
    public mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= top, "\(k) of \(top) elements")
        top -= k
        (base + top).deinitialize(count: k)
    }

    /// Removes every element.
    @inlinable
    public mutating func removeAll() {
        removeLast(top)
    }

    /// The element at `index`, counted from the bottom (0).
    @inlinable
    public subscript(index: Int) -> Element {
        @inline(__always) get {
            precondition(index >= 0 && index < top, "index \(index) of \(top)")
            return base[index]
        }
    }

    /// Calls `body` with the top `k` elements, bottom first, borrowed for the call.
    @inlinable
    public func withTop<Result>(_ k: Int, _ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        precondition(k >= 0 && k <= top, "\(k) of \(top) elements")
        return try body(UnsafeBufferPointer(start: base + (top - k), count: k))
    }
}
