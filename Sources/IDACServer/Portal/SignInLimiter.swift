import Synchronization

/// Failed sign-ins per client address: past `attempts` failures within `window`, the address must wait
/// (429 with `Retry-After`) until the oldest failure leaves the window. Bounded: at most 10 000
/// addresses are tracked, the least recent pushed out first.
final class SignInLimiter: Sendable {
    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])
    let attempts: Int
    let window: Duration

    init(attempts: Int, window: Duration) {
        self.attempts = attempts
        self.window = window
    }

    /// Takes an attempt for the address before anything of the request is read: the seconds it must wait
    /// when it has used its attempts, or nil when it may try. The attempt counts as a failure until
    /// ``succeeded(for:)`` takes it back, so attempts sent at once cannot all pass the check together.
    func begin(for address: String) -> Int? {
        let now = ContinuousClock.now
        return failures.withLock { failures in
            let recent = (failures[address] ?? []).filter { now - $0 < window }
            if recent.count >= attempts, let oldest = recent.first {
                failures[address] = recent
                return max(1, Int((window - (now - oldest)).components.seconds) + 1)
            }
            if failures[address] == nil, failures.count >= Self.tracked {
                Self.evict(&failures, now: now, window: window)
            }
            failures[address] = recent + [now]
            return nil
        }
    }

    /// The attempt was a valid sign-in: it no longer counts against the address.
    func succeeded(for address: String) {
        failures.withLock { failures in
            guard var recent = failures[address], !recent.isEmpty else { return }
            recent.removeLast()
            failures[address] = recent.isEmpty ? nil : recent
        }
    }

    /// At most this many addresses are tracked.
    static let tracked = 10_000

    /// Makes room: addresses whose failures have all left the window go first, then those whose last
    /// failure is oldest, a tenth of the table at a time (a flood of new addresses pushes out the oldest,
    /// never the whole table with an address that is still waiting).
    private static func evict(
        _ failures: inout [String: [ContinuousClock.Instant]], now: ContinuousClock.Instant, window: Duration
    ) {
        failures = failures.filter { $0.value.contains { now - $0 < window } }
        guard failures.count >= tracked else { return }
        let oldest = failures.sorted { ($0.value.last ?? now) < ($1.value.last ?? now) }.prefix(tracked / 10)
        for (address, _) in oldest { failures[address] = nil }
    }
}
