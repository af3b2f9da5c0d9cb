#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs two halves of one job side by side: one on a thread of its own, the other on the calling
/// thread, returning once both have. The pipe between a reader and the validator, and the hand-off
/// between validating and storing, are built on it.
///
/// The background half need not be `Sendable`: it may use objects the foreground half also uses,
/// because the two exchange work only through a ``BatchQueue`` (a batch belongs to one thread at a
/// time) and read what the other half set only after it finished (``run(background:foreground:)``
/// waits for the thread before returning). That is the rule its users keep; their tests run under
/// ThreadSanitizer in CI.
///
/// The readers and the validator recurse little, but libxml2 and the rules' evaluator run on the
/// background thread too: it gets a 16 MB stack, like the main thread's, rather than a secondary
/// thread's 512 KB.
public enum WorkerThread {
    /// Calls `background` on a new thread and `foreground` here; returns (or rethrows `foreground`'s
    /// error) once both have returned.
    public static func run<Result>(background: () -> Void, foreground: () throws -> Result) rethrows -> Result {
        try withoutActuallyEscaping(background) { background in
            let work = Work(body: background)
            let thread = start(work)
            defer { join(thread, work) }
            return try foreground()
        }
    }

    /// The background half, handed to its thread: it does not outlive ``run(background:foreground:)``,
    /// which waits for the thread.
    private final class Work {
        let body: () -> Void

        init(body: @escaping () -> Void) { self.body = body }
    }

    #if canImport(Darwin)
        private typealias Handle = pthread_t?
    #else
        private typealias Handle = pthread_t
    #endif

    private static func start(_ work: Work) -> Handle {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 16 << 20)
        // Retained for the thread, which releases it once the body has run.
        let context = Unmanaged.passRetained(work).toOpaque()
        #if canImport(Darwin)
            var handle: pthread_t? = nil
        #else
            var handle = pthread_t()
        #endif
        let started = pthread_create(
            &handle, &attributes,
            { context in
                if let context { Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body() }
                return nil
            }, context)
        // As Foundation's Thread does: no thread, no way to go on (the two halves need each other).
        precondition(started == 0, "cannot start a thread (error \(started))")
        return handle
    }

    private static func join(_ thread: Handle, _ work: Work) {
        #if canImport(Darwin)
            if let thread { pthread_join(thread, nil) }
        #else
            pthread_join(thread, nil)
        #endif
        withExtendedLifetime(work) {}
    }
}
