#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import SDMXModel

/// The folder cron jobs process: files arrive in `incoming/`, are ingested, and move to
/// `archive/YYYY/MM/` (accepted) or `rejected/`, each with its report (JSON and text) beside it.
///
/// Safe against being killed at any instant: a file leaves `incoming/` only after its transaction has
/// committed and its reports are written, and a file ingested before a crash is recognised by its
/// SHA-256 on the next run, which finishes the job without loading it twice.
public struct Inbox {
    public struct Summary: Sendable {
        public var accepted = 0
        public var rejected = 0
        /// Files that could not be processed, left in `incoming/` for the next run.
        public var failed = 0
        /// Files still being written (changed in the last few seconds, with no `.done` marker).
        public var waiting = 0
    }

    public var folder: String
    public var ingestor: Ingestor
    /// A file is taken once unchanged this long, or at once when `NAME.done` exists beside it.
    public var settleSeconds: Double
    public var logger: Logger

    public init(folder: String, ingestor: Ingestor, settleSeconds: Double = 5, logger: Logger = Logger(label: "idac.inbox")) {
        self.folder = folder
        self.ingestor = ingestor
        self.settleSeconds = settleSeconds
        self.logger = logger
    }

    var incoming: String { folder + "/incoming" }
    var rejectedFolder: String { folder + "/rejected" }

    public func run(progress: (Int, Int, String) -> Void = { _, _, _ in }) throws -> Summary {
        for sub in [incoming, rejectedFolder, folder + "/archive"] {
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        }
        let lock = try InboxLock(path: folder + "/.idac-inbox.lock")
        defer { lock.release() }
        var summary = Summary()
        let names = try FileManager.default.contentsOfDirectory(atPath: incoming).sorted()
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".done") && !$0.contains(".partial-") }
        for (index, name) in names.enumerated() {
            let path = incoming + "/" + name
            guard isReady(path) else {
                summary.waiting += 1
                continue
            }
            progress(index + 1, names.count, name)
            do {
                let results = try ingestor.ingest(path: path)
                let accepted = results.allSatisfy { $0.outcome.isAccepted }
                let destination = accepted ? try archiveFolder() : rejectedFolder
                let target = uniqueName(name, in: destination)
                try writeReports(results, as: target, in: destination)
                guard rename(path, destination + "/" + target) == 0 else {
                    throw SDMXError(.unreadableFile, "cannot move \(path) to \(destination): \(String(cString: strerror(errno)))")
                }
                unlink(path + ".done")
                if accepted { summary.accepted += 1 } else { summary.rejected += 1 }
                log(name: name, moved: destination + "/" + target, results: results)
            } catch {
                summary.failed += 1
                logger.error("failed: \(name) stays in incoming for the next run", metadata: ["file": "\(name)", "error": "\(error)"])
            }
        }
        return summary
    }

    /// Whether a file is complete: announced by `NAME.done`, or unchanged for `settleSeconds`.
    func isReady(_ path: String) -> Bool {
        if FileManager.default.fileExists(atPath: path + ".done") { return true }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date else { return false }
        return Date().timeIntervalSince(modified) >= settleSeconds
    }

    func archiveFolder() throws -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: Date())
        let path = String(format: "%@/archive/%04d/%02d", folder, parts.year ?? 0, parts.month ?? 0)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The name, or `name-2`, `name-3`… when a file of that name was archived before.
    func uniqueName(_ name: String, in destination: String) -> String {
        var candidate = name
        var number = 2
        while FileManager.default.fileExists(atPath: destination + "/" + candidate) {
            let url = URL(fileURLWithPath: name)
            let stem = url.deletingPathExtension().lastPathComponent, ext = url.pathExtension
            candidate = ext.isEmpty ? "\(stem)-\(number)" : "\(stem)-\(number).\(ext)"
            number += 1
        }
        return candidate
    }

    func writeReports(_ results: [(name: String, outcome: Ingestor.Outcome)], as target: String, in destination: String) throws {
        var reports: [ValidationReport] = []
        var notes: [String] = []
        for (name, outcome) in results {
            switch outcome {
            case let .accepted(record, report, _, _, _):
                reports.append(report)
                notes.append("\(name): stored as transmission \(record.id ?? 0)")
            case .alreadyIngested(let record):
                notes.append("\(name): already ingested as transmission \(record.id ?? 0) on \(record.received)")
            case .rejected(let report):
                reports.append(report)
                notes.append("\(name): rejected, nothing stored")
            }
        }
        try AtomicFileWriter.write(JSONReportRenderer.render(reports), to: destination + "/" + target + ".report.json")
        try AtomicFileWriter.write(TextReportRenderer.render(reports) + notes.joined(separator: "\n") + "\n",
                                   to: destination + "/" + target + ".report.txt")
    }

    func log(name: String, moved: String, results: [(name: String, outcome: Ingestor.Outcome)]) {
        for (entry, outcome) in results {
            switch outcome {
            case let .accepted(record, report, _, _, _):
                logger.info("accepted \(entry)", metadata: ["transmission": "\(record.id ?? 0)", "observations": "\(report.observations)",
                                                            "moved": "\(moved)"])
            case .alreadyIngested(let record):
                logger.info("already ingested \(entry)", metadata: ["transmission": "\(record.id ?? 0)", "moved": "\(moved)"])
            case .rejected(let report):
                logger.warning("rejected \(entry)", metadata: ["errors": "\(report.errors)", "moved": "\(moved)"])
            }
        }
    }
}

/// One inbox run at a time: an exclusive `flock` on a file in the inbox, released when the process
/// ends (even by `kill -9`).
final class InboxLock {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else {
            throw SDMXError(.unreadableFile, "cannot open the inbox lock \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SDMXError(.limitExceeded, "another idac inbox run is processing this folder; try again when it has finished")
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
