#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress line on standard error over many files, shown only when standard error is a terminal
/// (cron and scripts see nothing).
final class Progress {
    private let total: Int
    private let label: String
    private var done = 0
    private let enabled: Bool

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        enabled = total > 1 && isatty(2) == 1
    }

    func step(_ item: String) {
        done += 1
        guard enabled else { return }
        let text = "\r\u{1B}[K\(label) [\(done)/\(total)] \(item.printableForTerminal)"
        _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    }

    func finish() {
        guard enabled else { return }
        _ = "\r\u{1B}[K".utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    }
}
