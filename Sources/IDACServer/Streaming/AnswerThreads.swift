import Dispatch
import Foundation
import Synchronization

/// The threads that write answers (the repository's cursor and the writers are synchronous, so an answer
/// is written on a thread of its own, off the event loops and Swift's cooperative pool): started as first
/// needed, at most `capacity`, and kept for later answers (a thread started per answer cost a tenth of a
/// small one). A thread left idle for `idleLife` ends. Work beyond `capacity` waits its turn in order;
/// callers bound it already (an answer first takes one of the repository pool's connections, which are as
/// many as the threads), so that a small answer never waits behind a long one.
final class AnswerThreads: Sendable {
    typealias Work = @Sendable () -> Void

    private struct State {
        /// Work no thread has taken yet (all threads busy).
        var queue: [Work] = []
        /// Threads waiting for work, by id; each waits on its own semaphore.
        var parked: [(id: Int, wake: DispatchSemaphore)] = []
        /// Work handed to a parked thread, by its id, until it wakes and takes it.
        var handed: [Int: Work] = [:]
        var threads = 0
        var nextID = 0
    }

    private let capacity: Int
    private let idleLife: Duration
    private let state = Mutex(State())

    init(capacity: Int, idleLife: Duration = .seconds(60)) {
        self.capacity = max(1, capacity)
        self.idleLife = idleLife
    }

    /// Runs `work` on one of the threads: an idle one, a new one while fewer than `capacity` run, or the
    /// first to finish its work.
    func run(_ work: @escaping Work) {
        enum Action { case wake(DispatchSemaphore), start(Int), wait }
        let action = state.withLock { state -> Action in
            if let (id, wake) = state.parked.popLast() {
                state.handed[id] = work
                return .wake(wake)
            }
            guard state.threads < capacity else {
                state.queue.append(work)
                return .wait
            }
            state.threads += 1
            state.nextID += 1
            return .start(state.nextID)
        }
        switch action {
        case .wake(let semaphore): semaphore.signal()
        case .start(let id):
            let thread = Thread { [self] in serve(id: id, first: work) }
            thread.name = "idac-answer"
            thread.start()
        case .wait: break
        }
    }

    /// Threads running or waiting for work (for tests).
    var threads: Int { state.withLock { $0.threads } }

    /// A thread's life: its work, then whatever is queued, then parked until handed more or idle too long.
    private func serve(id: Int, first: @escaping Work) {
        let wake = DispatchSemaphore(value: 0)
        var work: Work? = first
        while let current = work {
            current()
            work = state.withLock { state -> Work? in
                if !state.queue.isEmpty { return state.queue.removeFirst() }
                state.parked.append((id, wake))
                return nil
            }
            guard work == nil else { continue }
            let seconds = Double(idleLife.components.seconds) + Double(idleLife.components.attoseconds) / 1e18
            if wake.wait(timeout: .now() + seconds) == .timedOut {
                let retired = state.withLock { state -> Bool in
                    guard let index = state.parked.firstIndex(where: { $0.id == id }) else { return false }
                    state.parked.remove(at: index)
                    state.threads -= 1
                    return true
                }
                if retired { return }
                // Handed work as the wait ended: its signal is on the way.
                wake.wait()
            }
            work = state.withLock { $0.handed.removeValue(forKey: id) }
        }
        // Not reached with work always handed before a wake; kept so that the count stays true.
        state.withLock { $0.threads -= 1 }
    }
}
