import SDMXBytes
import Testing

/// The module's ownership types keep the promises its opening comment makes.
@Suite struct OwnershipTests {
    final class Box {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    /// An uncounted reference keeps its object alive itself, lends it, and lets it go when replaced.
    @Test func uncountedReferenceHoldsWhatItLends() {
        var reference = UncountedReference<Box>()
        let none = reference.withObject { $0.value }
        #expect(none == nil)
        weak var first: Box?
        do {
            let box = Box(1)
            first = box
            reference.set(box)
        }
        #expect(first != nil, "kept alive by the reference alone")
        let one = reference.withObject { $0.value }
        #expect(one == 1)
        reference.set(Box(2))
        #expect(first == nil, "released when replaced")
        let two = reference.withObject { $0.value }
        #expect(two == 2)
        let isSet = reference.isSet
        #expect(isSet)
    }

    /// A fixed buffer initialises, refills and grows its elements, and releases them when reset or freed.
    @Test func fixedBufferOwnsItsElements() {
        weak var kept: Box?
        do {
            var buffer = FixedBuffer<Box?>(repeating: nil, count: 3)
            let box = Box(7)
            kept = box
            buffer[1] = box
            let values = buffer.withBuffer { $0.map { $0?.value ?? 0 } }
            #expect(values == [0, 7, 0])
            buffer.reset(repeating: nil, count: 5)
            let (count, empty) = (buffer.count, buffer.withBuffer { $0.allSatisfy { $0 == nil } })
            #expect(count == 5 && empty)
            buffer[4] = box
        }
        #expect(kept == nil, "the buffer's elements are released with it")
        var numbers = FixedBuffer<Int>(repeating: 0, count: 4)
        numbers.fill(with: -1)
        numbers[2] = 9
        let (third, first) = (numbers.withBaseAddress { $0[2] }, numbers[0])
        #expect(third == 9 && first == -1)
        let copied = numbers.withBuffer { Array($0) }
        #expect(copied == [-1, -1, 9, -1])
    }

    /// The copy a byte buffer lends is the bytes given, however long.
    @Test func fixedBufferCopiesBytes() {
        var scratch = FixedBuffer<UInt8>(repeating: 0, count: 2)
        let long = Array("2024-Q3 and more".utf8)
        let copy = long.withUnsafeBufferPointer { Array(scratch.copy($0)) }
        #expect(copy == long)
    }

    /// The background half runs on another thread at the same time as the foreground one (they
    /// exchange a batch through a queue), and has finished when `run` returns.
    @Test func workerThreadRunsBothHalvesAndWaits() throws {
        let queue = BatchQueue<[Int]>(maxQueued: 1)
        let answers = BatchQueue<Int>(maxQueued: 1)
        var finished = false
        let received = WorkerThread.run(
            background: {
                while let batch = queue.next() { answers.offer(batch.reduce(0, +)) }
                finished = true
            },
            foreground: { () -> Int? in
                try? queue.put([1, 2, 3])
                let sum = answers.next()
                queue.close()
                return sum
            })
        #expect(received == 6)
        #expect(finished, "run returns only once the background half has")
    }

    /// Tasks side by side each write their own output, returned in task order.
    @Test func sideBySideKeepsTaskOrder() {
        let outputs = SideBySide.run(tasks: 8, output: 0) { task, output in output = task * task }
        #expect(outputs == (0..<8).map { $0 * $0 })
    }
}
