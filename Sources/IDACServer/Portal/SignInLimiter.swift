import Synchronization

/// Failed sign-ins per client address: past `attempts` failures within `window`, the address must wait
/// (429 with `Retry-After`) until the oldest failure leaves the window. Bounded: at most 10 000
/// addresses are tracked.
final class SignInLimiter: Sendable {
    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])
    let attempts: Int
    let window: Duration

    init(attempts: Int, window: Duration) {
        self.attempts = attempts
        self.window = window
    }

    /// Seconds the address must wait, or nil when it may try.
    func wait(for address: String) -> Int? {
        let now = ContinuousClock.now
        return failures.withLock { failures in
            let recent = (failures[address] ?? []).filter { now - $0 < window }
            failures[address] = recent.isEmpty ? nil : recent
            guard recent.count >= attempts, let oldest = recent.first else { return nil }
            return max(1, Int((window - (now - oldest)).components.seconds) + 1)
        }
    }

    func recordFailure(for address: String) {
        let now = ContinuousClock.now
        failures.withLock { failures in
            if failures.count >= 10_000 { failures = failures.filter { $0.value.contains { now - $0 < window } } }
            if failures.count >= 10_000 { failures.removeAll() }
            failures[address, default: []].append(now)
        }
    }
}
