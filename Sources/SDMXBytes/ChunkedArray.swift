/// A growing list of elements kept in fixed chunks of raw memory: appending never moves what is
/// there (an array that doubles copies itself, holding twice the memory for a moment and up to twice
/// what is needed after), and an element is read and changed in place without an array's uniqueness
/// check. What the validator keeps per series, for the hundreds of thousands of series of a large file.
///
/// A class: its owner holds it and lends it for calls; it is used by one thread at a time. Indices
/// are checked (a wrong one stops the program rather than reading memory that is not an element's).
public final class ChunkedArray<Element> {
    private static var chunkShift: Int { 12 }
    private static var chunkSize: Int { 1 << chunkShift }

    private var chunks: [UnsafeMutablePointer<Element>] = []
    /// How many elements it holds.
    public private(set) var count = 0

    public init() {}

    deinit {
        for (number, chunk) in chunks.enumerated() {
            chunk.deinitialize(count: min(Self.chunkSize, count - number * Self.chunkSize))
            chunk.deallocate()
        }
    }

    /// Adds an element at index `count`.
    public func append(_ element: Element) {
        if count == chunks.count * Self.chunkSize { chunks.append(.allocate(capacity: Self.chunkSize)) }
        (chunks[count >> Self.chunkShift] + (count & (Self.chunkSize - 1))).initialize(to: element)
        count += 1
    }

    @inline(__always)
    private func address(_ index: Int) -> UnsafeMutablePointer<Element> {
        precondition(index >= 0 && index < count, "index \(index) of \(count)")
        return chunks[index >> Self.chunkShift] + (index & (Self.chunkSize - 1))
    }

    public subscript(index: Int) -> Element {
        @inline(__always) get { address(index).pointee }
        @inline(__always) set { address(index).pointee = newValue }
    }

    /// Calls `body` with the element at `index` to change in place (not copied out and back).
    @inline(__always)
    public func modify<Result>(_ index: Int, _ body: (inout Element) throws -> Result) rethrows -> Result {
        try body(&address(index).pointee)
    }
}
