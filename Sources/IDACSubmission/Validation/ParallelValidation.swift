import Dispatch
import Foundation
import Synchronization

extension SubmissionValidator {
    /// Validates several files at once, one per core (each file has its own parser and validator;
    /// the structures and rules are shared read-only), and returns the reports in the files' order.
    /// The first file that cannot be read at all stops the run with its error, as validating them
    /// one by one would.
    public func validate(paths: [String]) throws -> [ValidationReport] {
        guard paths.count > 1 else { return try paths.flatMap { try validate(path: $0) } }
        let results = ResultSlots(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.set(index, Result { try self.validate(path: paths[index]) })
        }
        return try results.values().flatMap { try $0.get() }
    }
}

/// Results written by concurrent workers, each into its own slot, behind a mutex.
private final class ResultSlots: Sendable {
    private let slots: Mutex<[Result<[ValidationReport], any Error>?]>

    init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func set(_ index: Int, _ result: Result<[ValidationReport], any Error>) {
        slots.withLock { $0[index] = result }
    }

    func values() -> [Result<[ValidationReport], any Error>] {
        slots.withLock { $0.map { $0 ?? .success([]) } }
    }
}
