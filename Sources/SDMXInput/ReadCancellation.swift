import Synchronization

/// Stops a read that has run too long or whose result no one waits for any more: the portal gives each
/// upload one, with a deadline, and cancels it when the client goes away. ``CancellableSource`` checks it
/// once per chunk (256 KB), never per byte or record, so the readers' hot loops pay nothing.
public final class ReadCancellation: Sendable {
    /// Why a read was stopped.
    public enum Reason: UInt8, Sendable {
        /// The deadline passed.
        case deadline = 1
        /// Someone called `cancel()`, or no one waits for the result any more.
        case cancelled = 2
    }

    private let state = Atomic<UInt8>(0)
    /// When the read must stop, on the monotonic clock; nil for no deadline.
    public let deadline: ContinuousClock.Instant?
    /// Asked at each check: false once no one waits for the result (the portal's client has gone).
    private let stillWanted: (@Sendable () -> Bool)?

    /// Makes a cancellation that stops reads at `deadline` or once `stillWanted` says false (asked at each check); with
    /// neither, only `cancel()` stops them.
    public init(deadline: ContinuousClock.Instant? = nil, stillWanted: (@Sendable () -> Bool)? = nil) {
        self.deadline = deadline
        self.stillWanted = stillWanted
    }

    /// Stops the read at its next chunk (the first reason given stays).
    public func cancel() {
        _ = state.compareExchange(expected: 0, desired: Reason.cancelled.rawValue, ordering: .relaxed)
    }

    /// Why the read is stopped, if it is.
    public var reason: Reason? {
        if let reason = Reason(rawValue: state.load(ordering: .relaxed)) { return reason }
        if let stillWanted, !stillWanted() {
            cancel()
        } else if let deadline, ContinuousClock.now >= deadline {
            _ = state.compareExchange(expected: 0, desired: Reason.deadline.rawValue, ordering: .relaxed)
        }
        return Reason(rawValue: state.load(ordering: .relaxed))
    }

    /// Throws ``ReadCancelled`` once the read is to stop.
    @inline(__always)
    public func check() throws {
        if let reason { throw ReadCancelled(reason: reason) }
    }
}

/// A read stopped by its ``ReadCancellation``: not a finding about the file (readers and the validator
/// let it through), but the end of the request that read it.
public struct ReadCancelled: Error, Sendable {
    /// Why it was stopped.
    public var reason: ReadCancellation.Reason
}
