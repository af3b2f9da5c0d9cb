import AllianceRepository
import Synchronization

/// Repository connections for the answers being written: each answer reads through a connection of its
/// own (SQLite serialises the reads of one connection), at most `capacity` at once. A request that finds
/// them all busy waits its turn, in arrival order, for a short while (`patience`); past it, it is told to
/// come back (503 with `Retry-After`) rather than piling up. Connections are opened as first needed and
/// kept for the next answer.
final class RepositoryPool: Sendable {
    private struct State {
        var idle: [AllianceRepository] = []
        var free: Int
        var waiters: [(id: Int, turn: CheckedContinuation<Bool, Never>)] = []
        var nextWaiter = 0
    }

    private let path: String
    private let patience: Duration
    private let state: Mutex<State>

    init(path: String, capacity: Int, patience: Duration = .seconds(5)) {
        self.path = path
        self.patience = patience
        state = Mutex(State(free: capacity))
    }

    /// A connection, or nil when none came free within `patience`.
    func checkOut() async throws -> AllianceRepository? {
        guard await takeTurn() else { return nil }
        if let repository = state.withLock({ $0.idle.popLast() }) { return repository }
        do {
            return try AllianceRepository(path: path, mode: .mustExist)
        } catch {
            giveTurnBack()
            throw error
        }
    }

    func checkIn(_ repository: AllianceRepository) {
        state.withLock { $0.idle.append(repository) }
        giveTurnBack()
    }

    private func takeTurn() async -> Bool {
        let waiter: Int? = state.withLock { state in
            if state.free > 0 {
                state.free -= 1
                return nil
            }
            state.nextWaiter += 1
            return state.nextWaiter
        }
        guard let waiter else { return true }
        return await withCheckedContinuation { turn in
            let now: Bool = state.withLock { state in
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                state.waiters.append((waiter, turn))
                return false
            }
            if now {
                turn.resume(returning: true)
                return
            }
            let patience = self.patience
            Task { [weak self] in
                try? await Task.sleep(for: patience)
                self?.giveUp(waiter)
            }
        }
    }

    /// Ends a wait that lasted too long (if it is still waiting).
    private func giveUp(_ waiter: Int) {
        let turn = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let index = state.waiters.firstIndex(where: { $0.id == waiter }) else { return nil }
            return state.waiters.remove(at: index).turn
        }
        turn?.resume(returning: false)
    }

    /// Hands the turn to the longest waiter, or frees it.
    private func giveTurnBack() {
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            if state.waiters.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiters.removeFirst().turn
        }
        next?.resume(returning: true)
    }
}
