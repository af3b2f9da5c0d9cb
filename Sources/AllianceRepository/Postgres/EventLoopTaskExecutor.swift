import NIOCore

/// Runs a task's jobs on one NIO event loop instead of Swift's shared cooperative pool.
///
/// postgres-nio's `COPY … FROM STDIN` is asynchronous only, and the repository's API is synchronous: a call
/// starts the COPY as a task and blocks its own thread until the task ends. A task on the cooperative pool
/// may never run when every pool thread is blocked that way, or waiting for a lock that such a thread holds
/// (a test run deadlocked so: one test's thread waited for its COPY, another's for the dataflow lock the
/// first held, and the pool had no thread left for the COPY). With this executor as its preference
/// (`Task(executorPreference:)`), the COPY's task runs on the connection's own event loop, which never
/// blocks (a synchronous call there is refused, ``PostgresSession/requireOffEventLoop()``): whatever the pool
/// does, the COPY makes progress, and the caller's wait ends.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
