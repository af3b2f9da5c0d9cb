/// Writes a whole text to a path: a regular file (or a new one) through a temporary file in the same
/// folder renamed into place, so a reader (or a crash) never sees a partial report; a device, FIFO or
/// socket directly, never replacing it (see ``OutputDestination``).
public enum AtomicFileWriter {
    /// Writes `text` to `path` whole, or not at all when it throws.
    public static func write(_ text: String, to path: String) throws {
        let sink = try OutputSink(path: path)
        try sink.write(text)
        try sink.commit()
    }
}
