/// A growing list of elements kept in fixed chunks of raw memory: appending never moves what is
/// there (an array that doubles copies itself, holding twice the memory for a moment and up to twice
/// what is needed after), and an element is read and changed in place without an array's uniqueness
/// check. What the validator keeps per series, for the hundreds of thousands of series of a large file.
///
/// A class: its owner holds it and lends it for calls; it is used by one thread at a time. Indices
/// are checked (a wrong one stops the program rather than reading memory that is not an element's).
public final class ChunkedArray<Element> {
    // Inlinable throughout: a generic type used from other modules is otherwise run unspecialised
    // (through its metadata), which cost hundreds of instructions per observation.
    @inlinable static var chunkShift: Int { 12 }
    @inlinable static var chunkSize: Int { 1 << chunkShift }

    @usableFromInline var chunks: [UnsafeMutablePointer<Element>] = []
    /// How many elements it holds.
    @inlinable public var count: Int { storedCount }
    @usableFromInline var storedCount = 0

    /// Makes an empty array; the first chunk is allocated with the first element.
    public init() {}

    deinit {
        for (number, chunk) in chunks.enumerated() {
            chunk.deinitialize(count: min(Self.chunkSize, count - number * Self.chunkSize))
            chunk.deallocate()
        }
    }

    /// Adds an element at index `count`.
    @inlinable
    public func append(_ element: Element) {
        if storedCount == chunks.count * Self.chunkSize { chunks.append(.allocate(capacity: Self.chunkSize)) }
        (chunks[storedCount >> Self.chunkShift] + (storedCount & (Self.chunkSize - 1))).initialize(to: element)
        storedCount += 1
    }

    @inlinable @inline(__always)
    func address(_ index: Int) -> UnsafeMutablePointer<Element> {
        precondition(index >= 0 && index < storedCount, "index \(index) of \(storedCount)")
        return chunks[index >> Self.chunkShift] + (index & (Self.chunkSize - 1))
    }

    /// The element at `index`, read and changed in place (`list[i].field.mutate()` copies nothing out).
    @inlinable
    public subscript(index: Int) -> Element {
        unsafeAddress { UnsafePointer(address(index)) }
        unsafeMutableAddress { address(index) }
    }
}
