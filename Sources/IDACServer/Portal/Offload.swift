import Dispatch

/// Runs blocking work (reading a file, SQLite) on a Dispatch thread, off the event loop and Swift's
/// cooperative pool.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
