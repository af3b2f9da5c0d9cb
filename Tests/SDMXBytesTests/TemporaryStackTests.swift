import SDMXBytes
import Testing

@Suite struct TemporaryStackTests {
    /// Last in, first out; the top elements are lent bottom first; indices count from the bottom.
    @Test func pushesPopsAndLendsItsTop() {
        let result = TemporaryStack<String>.with(capacity: 4) { stack in
            stack.push("a")
            stack.push("b")
            stack.push("c")
            let top = stack.withTop(2) { Array($0) }
            let bottom = stack[0]
            stack.removeLast(2)
            stack.push("d")
            return (top, bottom, stack.pop(), stack.count)
        }
        #expect(result.0 == ["b", "c"])
        #expect(result.1 == "a")
        #expect(result.2 == "d")
        #expect(result.3 == 1)
    }

    /// Elements popped, removed, or left on the stack when the closure returns are all released.
    @Test func releasesEveryElement() {
        final class Tracked {
            let onDeinit: () -> Void
            init(_ onDeinit: @escaping () -> Void) { self.onDeinit = onDeinit }
            deinit { onDeinit() }
        }
        var released = 0
        TemporaryStack<Tracked>.with(capacity: 8) { stack in
            for _ in 0..<6 { stack.push(Tracked { released += 1 }) }
            _ = stack.pop()
            stack.removeLast(2)
        }
        #expect(released == 6)
    }

    /// A capacity below one still makes a usable stack of one.
    @Test func holdsAtLeastOneElement() {
        let value = TemporaryStack<Int>.with(capacity: 0) { stack in
            stack.push(7)
            return stack.pop()
        }
        #expect(value == 7)
    }
}
