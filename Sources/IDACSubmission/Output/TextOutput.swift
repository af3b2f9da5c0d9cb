/// Where a writer's text goes: a file or standard output (``OutputSink``), or a web service's answer
/// streamed to its client. Writers know nothing else of their destination.
public protocol TextOutput: AnyObject {
    /// Appends text; the destination buffers and flushes as it sees fit.
    func write(_ text: String) throws
}

extension OutputSink: TextOutput {}
