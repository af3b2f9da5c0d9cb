import ArgumentParser
import Foundation
import SDMXModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// The text escaped for a terminal or a log (``TerminalText``): for names and values from files.
    var printableForTerminal: String { TerminalText.escaped(self) }
}

/// Writes a line to standard error (file descriptor 2; `stderr` is a C global Swift 6 will not touch).
func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

#if os(Linux)
    // Large buffers (the rules' records read back, arrays of per-series state) come from mmap and go
    // back to the system when freed. glibc otherwise raises this threshold after the first such buffer
    // is freed and serves the next ones from its heap, which it seldom gives back: the peak memory of a
    // long file would keep what the file once needed. `mallopt` is looked up at run time: importing
    // <malloc.h> as a module clashes with Foundation's modules.
    if let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 256 << 10)
    }
#endif

// Exit status is part of the interface: 0 valid, 1 the submission has errors, 2 idac could not do
// its job (bad arguments included, which swift-argument-parser would otherwise report as 64).
do {
    var command = try IDAC.parseAsRoot()
    // The one asynchronous command (a web service), called by its own name (see `ServeCommand.serve`).
    if let serve = command as? ServeCommand {
        try await serve.serve()
    } else {
        try command.run()
    }
} catch let error as SDMXError {
    // The message may quote names and values from untrusted files: one line, escaped.
    printError("idac: error: \(String(describing: error).printableForTerminal)")
    exit(2)
} catch let requested as ExitCode {
    // Thrown by the commands themselves: 1 when a submission has errors.
    exit(requested.rawValue)
} catch {
    let code = IDAC.exitCode(for: error)
    let message = IDAC.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    // swift-argument-parser's message starts with its own "Error: "; ours already says it.
    let text = message.isEmpty ? String(describing: error) : message
    // The message may quote an argument as given: every line is escaped, and a line break is kept only before
    // the lines swift-argument-parser adds (`Help: `, `Usage: `, `  See '…'`). Any other is shown escaped, so
    // an argument cannot forge a line of its own, and one holding "Usage: " gains nothing either: its line is
    // escaped like the rest.
    let body = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    var said = String(lines[0]).printableForTerminal
    for line in lines.dropFirst() {
        let added = ["Help: ", "Usage: ", "  See '"].contains { line.hasPrefix($0) }
        said += (added ? "\n" : "\n".printableForTerminal) + String(line).printableForTerminal
    }
    printError("idac: error: " + said)
    exit(2)
}
