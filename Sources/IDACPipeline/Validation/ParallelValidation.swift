import Dispatch
import Foundation

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

/// Results written by concurrent workers, each into its own slot, under a lock.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[ValidationReport], any Error>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<[ValidationReport], any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() -> [Result<[ValidationReport], any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .success([]) }
    }
}
