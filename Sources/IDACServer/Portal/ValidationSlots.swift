import Synchronization

/// How many uploads are being received and validated at once, in all and per client address: past
/// `capacity` a request is told to come back (503 with `Retry-After`), past `perAddress` for its address
/// it is told to wait for its own (429), at once, before any of its body is read. One address cannot hold
/// every slot (behind a reverse proxy every client has the proxy's address: see the README).
final class ValidationSlots: Sendable {
    enum Refusal: Equatable {
        /// Every slot is taken.
        case full
        /// The address holds `perAddress` slots already.
        case addressFull
    }

    private struct State {
        var used = 0
        var byAddress: [String: Int] = [:]
    }

    private let state = Mutex(State())
    let capacity: Int
    let perAddress: Int

    init(capacity: Int, perAddress: Int) {
        self.capacity = capacity
        self.perAddress = perAddress
    }

    /// Takes a slot for `address`, or says why not. The table holds only addresses with a slot, so it
    /// never holds more than `capacity` of them.
    func take(for address: String) -> Refusal? {
        state.withLock { state in
            let held = state.byAddress[address] ?? 0
            guard held < perAddress else { return .addressFull }
            guard state.used < capacity else { return .full }
            state.used += 1
            state.byAddress[address] = held + 1
            return nil
        }
    }

    func giveBack(for address: String) {
        state.withLock { state in
            state.used -= 1
            let held = (state.byAddress[address] ?? 1) - 1
            state.byAddress[address] = held > 0 ? held : nil
        }
    }
}
