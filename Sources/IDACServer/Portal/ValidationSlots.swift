import Synchronization

/// How many uploads are being received and validated at once: past `capacity`, a request is told to
/// come back (503 with `Retry-After`) at once, before any of its body is read.
final class ValidationSlots: Sendable {
    private let used = Mutex(0)
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func take() -> Bool {
        used.withLock { used in
            guard used < capacity else { return false }
            used += 1
            return true
        }
    }

    func giveBack() {
        used.withLock { $0 -= 1 }
    }
}
