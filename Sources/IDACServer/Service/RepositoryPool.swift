import AllianceRepository
import Synchronization

/// Repository connections for the answers being written: each answer reads through a connection of its
/// own (SQLite serialises the reads of one connection), at most `capacity` at once. Connections are
/// opened as they are first needed and kept for the next answer.
final class RepositoryPool: Sendable {
    private let path: String
    private let capacity: Int
    private let state = Mutex<(idle: [AllianceRepository], busy: Int)>(([], 0))

    init(path: String, capacity: Int) {
        self.path = path
        self.capacity = capacity
    }

    /// A connection, or nil when `capacity` answers are already being written.
    func checkOut() throws -> AllianceRepository? {
        let taken: AllianceRepository?? = state.withLock { state in
            guard state.busy < capacity else { return .none }
            state.busy += 1
            return .some(state.idle.popLast())
        }
        guard let taken else { return nil }
        if let repository = taken { return repository }
        do {
            return try AllianceRepository(path: path, mode: .mustExist)
        } catch {
            state.withLock { $0.busy -= 1 }
            throw error
        }
    }

    func checkIn(_ repository: AllianceRepository) {
        state.withLock { state in
            state.busy -= 1
            state.idle.append(repository)
        }
    }
}
