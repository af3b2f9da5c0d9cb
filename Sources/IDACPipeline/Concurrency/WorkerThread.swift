import Foundation

/// Work run on a thread of its own while the caller does its half (reading, or storing), and waited for.
///
/// The readers and the validator recurse little, but libxml2 and the rules' evaluator run on this thread
/// too: it gets a 16 MB stack, like the main thread's, rather than a secondary thread's 512 KB.
final class WorkerThread: Sendable {
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `body` at once on a new thread.
    init(_ body: @escaping @Sendable () -> Void) {
        let finished = self.finished
        let thread = Thread {
            body()
            finished.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Returns once the body has returned.
    func wait() {
        finished.wait()
    }
}
