#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import IDACSubmission
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
    /// What a run did. Files are counted by where they went; transmissions (a zip entry is one) by outcome.
    public struct Summary: Sendable {
        /// Transmissions stored (or found stored before, by SHA-256).
        public var accepted = 0
        /// Transmissions refused for errors (nothing of them stored).
        public var rejected = 0
        /// Files that could not be processed, left in `incoming/` for the next run.
        public var failed = 0
        /// Files still being written (changed in the last few seconds, with no `.done` marker, or changed
        /// while they were read), left for the next run.
        public var waiting = 0
        /// Names in `incoming/` that are not regular files (FIFOs, links, folders…), left in place unread.
        public var skipped = 0
        /// Files another worker was processing (over a PostgreSQL repository), left to it.
        public var claimedElsewhere = 0
        /// Files moved to `archive/` (every transmission in them stored) and to `rejected/` (some refused).
        public var archivedFiles = 0
        /// See ``archivedFiles``: files moved to `rejected/` because some transmission in them was refused.
        public var rejectedFiles = 0
    }

    /// The inbox folder, holding `incoming/`, `archive/` and `rejected/` (created when missing).
    public var folder: String
    /// Validates and stores each file taken.
    public var ingestor: Ingestor
    /// A file is taken once unchanged this long, or at once when `NAME.done` exists beside it.
    public var settleSeconds: Double
    /// Where each file's outcome, and every problem with the folder, is logged.
    public var logger: Logger

    /// The longest file name taken, in bytes: room for `-NN` and `.report.json` within 255.
    public static let longestName = 200

    /// The largest file the inbox reads, in bytes (`--max-input-mb`): a larger one (a sparse file of 20 GB
    /// costs nothing to make) is rejected by its size, unread.
    public var maxInputBytes: Int64 = Self.defaultMaxInputBytes
    /// 4 GiB: far above any real submission.
    public static let defaultMaxInputBytes: Int64 = 4 << 30

    /// The longest `settleSeconds` accepted: a day.
    public static let longestSettle: Double = 86_400

    /// Makes an inbox over `folder`; files are taken once unchanged for `settleSeconds` (5 by default).
    public init(
        folder: String, ingestor: Ingestor, settleSeconds: Double = 5, logger: Logger = Logger(label: "idac.inbox")
    ) {
        self.folder = folder
        self.ingestor = ingestor
        self.settleSeconds = settleSeconds
        self.logger = logger
    }

    var incoming: String { folder + "/incoming" }
    var rejectedFolder: String { folder + "/rejected" }

    /// Processes every file of `incoming/` that is complete, in name order, calling `progress(number, count, name)` as
    /// each is taken; files not ready are left for the next run. Throws when `settleSeconds` is out of range or the
    /// folder cannot be used.
    public func run(progress: (Int, Int, String) -> Void = { _, _, _ in }) throws -> Summary {
        guard settleSeconds.isFinite, (0...Self.longestSettle).contains(settleSeconds) else {
            throw SDMXError(
                .limitExceeded, "--settle takes seconds from 0 to \(Int(Self.longestSettle)); got \(settleSeconds)")
        }
        for sub in [incoming, rejectedFolder, folder + "/archive"] {
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            try Self.requireRealFolder(sub)
        }
        // One run at a time per inbox over SQLite; over PostgreSQL several workers (on this machine or others
        // sharing the folder) run at once, each file claimed in the database by one of them.
        let shared = ingestor.repository.takesSeveralWorkers
        let lock = shared ? nil : try InboxLock(path: folder + "/.idac-inbox.lock")
        defer { lock?.release() }
        var summary = Summary()
        let all = try FileManager.default.contentsOfDirectory(atPath: incoming).sorted()
        summary.failed += removeStaleMarkers(all)
        let names = all.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".done") && !$0.contains(".partial-") }
        for (index, name) in names.enumerated() {
            let path = incoming + "/" + name
            // The archive gets NAME and NAME.report.json beside it: a name near the system's 255-byte limit
            // could be stored but never moved out, and be read again on every run.
            guard name.utf8.count <= Self.longestName else {
                summary.failed += 1
                logger.error(
                    "left \(name) in incoming: its name has \(name.utf8.count) bytes, more than the \(Self.longestName) the inbox takes; rename it"
                )
                continue
            }
            if shared {
                // Taken by another worker: it is that worker's file for now (and the next run's if it dies).
                let taken = try ingestor.repository.withClaim("idac inbox file:" + name) {
                    try take(name, at: path, index: index, of: names.count, into: &summary, progress: progress)
                }
                if taken == nil { summary.claimedElsewhere += 1 }
                continue
            }
            try take(name, at: path, index: index, of: names.count, into: &summary, progress: progress)
        }
        return summary
    }

    /// Opens a file of `incoming/` and processes it once it is complete.
    private func take(
        _ name: String, at path: String, index: Int, of count: Int, into summary: inout Summary,
        progress: (Int, Int, String) -> Void
    ) throws {
        let file: InboxFile
        do {
            file = try InboxFile(path: path)
        } catch let refusal as InboxFile.Refusal {
            if case .vanished = refusal {
                // The folder listing gives names as text: bytes that are not UTF-8 (a Latin-1 name from
                // Windows) come back replaced, and the file cannot be opened by that name. (Over PostgreSQL,
                // also a file another worker has just moved out.)
                if name.contains("\u{FFFD}") {
                    summary.failed += 1
                    logger.error(
                        "left \(name) in incoming: its name is not UTF-8 text; rename it (ASCII letters, digits, '-', '_' and '.' are safest)"
                    )
                }
                return
            }
            summary.skipped += 1
            logger.warning("skipped \(name): \(refusal)", metadata: ["file": "\(name)"])
            return
        }
        guard isReady(file) else {
            summary.waiting += 1
            return
        }
        progress(index + 1, count, name)
        process(file, name: name, into: &summary)
    }

    /// Ingests one file, then moves it with its reports; a file that changed while it was read is left,
    /// with nothing of it stored, for the next run.
    func process(_ file: InboxFile, name: String, into summary: inout Summary) {
        let results: [(name: String, outcome: Ingestor.Outcome)]
        if file.atStart.size > maxInputBytes {
            let limit = maxInputBytes >> 20
            let message =
                "the file has \(file.atStart.size) bytes, more than the \(limit) MB the inbox reads "
                + "(--max-input-mb); it was not read: split it, or raise --max-input-mb and move it back to incoming"
            logger.error("rejected \(name) unread: \(message)", metadata: ["file": "\(name)"])
            let report = ingestor.validator.refusal(
                of: file.path, SDMXError(.limitExceeded, message), what: "a file over the size limit")
            results = [(file.path, .rejected(report))]
        } else {
            do {
                // Hashed once, by the ingestor, through the descriptor; the times say whether it changed since.
                results = try ingestor.ingest(path: file.readablePath, name: file.path) {
                    if let change = file.change() { throw FileChanged(reason: change) }
                }
            } catch let changed as FileChanged {
                summary.waiting += 1
                logger.warning(
                    "left \(name) for the next run: \(changed.reason); nothing of it was stored",
                    metadata: ["file": "\(name)"])
                return
            } catch {
                summary.failed += 1
                logger.error(
                    "failed: \(name) stays in incoming for the next run",
                    metadata: ["file": "\(name)", "error": "\(error)"])
                return
            }
        }
        let stored = results.filter { $0.outcome.isAccepted }.count
        // A rejection of a file still being written says nothing of the file it will be: keep it for later.
        if stored < results.count, let change = file.change() {
            summary.waiting += 1
            logger.warning("left \(name) for the next run: \(change)", metadata: ["file": "\(name)"])
            return
        }
        summary.accepted += stored
        summary.rejected += results.count - stored
        let accepted = stored == results.count
        do {
            let destination = accepted ? try archiveFolder() : rejectedFolder
            let target = uniqueName(name, in: destination)
            try writeReports(results, as: target, in: destination)
            guard try moveOut(file, to: destination + "/" + target) else {
                let message =
                    "\(name) was \(accepted ? "stored" : "rejected"), but its name in incoming was given to another "
                    + "file (or removed) before it was moved out: whatever is there now stays for the next run; its "
                    + "reports are in \(destination)/\(target)"
                logger.warning("\(message)", metadata: ["file": "\(name)"])
                return
            }
            if Self.marker(at: file.path + ".done") != nil { unlink(file.path + ".done") }
            if accepted { summary.archivedFiles += 1 } else { summary.rejectedFiles += 1 }
            log(name: name, moved: destination + "/" + target, results: results)
            if file.writtenSinceStart(movedSince: true) != nil {
                logger.error(
                    "\(name) was written to after it was stored: the archived file may differ from what was stored",
                    metadata: ["file": "\(name)"])
            }
        } catch {
            summary.failed += 1
            // What was stored is stored: say so, rather than that the file failed.
            let told = stored > 0 ? "\(stored) of its \(results.count) transmissions were stored, but it " : ""
            logger.error(
                "\(name): \(told)could not be moved out of incoming: \(error); the next run recognises what was stored",
                metadata: ["file": "\(name)"])
        }
    }

    /// Moves the file out of `incoming/` to `target`, by its name, only while the name is still the file's: a new
    /// file given that name after this one was checked and stored (the sender sent it again) must stay for the
    /// next run, never be archived unread. Returns false, moving nothing, when the name is another file's; if
    /// the name changed hands between the check and the move, the newcomer is put back under it. Throws when
    /// the file cannot be moved, or the newcomer cannot be put back (a third file took the name meanwhile).
    func moveOut(_ file: InboxFile, to target: String) throws -> Bool {
        guard file.holdsItsName() else { return false }
        guard rename(file.path, target) == 0 else {
            throw SDMXError(.unreadableFile, "cannot move it to \(target): \(String(cString: strerror(errno)))")
        }
        var moved = stat()
        guard lstat(target, &moved) == 0, !file.isIdentical(to: moved) else { return true }
        // link fails rather than replace a file that took the name meanwhile.
        guard link(target, file.path) == 0, unlink(target) == 0 else {
            throw SDMXError(
                .unreadableFile,
                "another file took its name in incoming while it was moved out, and was moved to \(target) "
                    + "unread: move it back to incoming")
        }
        return false
    }

    /// Thrown inside a transmission's transaction to roll it back: the file is not what it was.
    struct FileChanged: Error {
        var reason: String
    }

    /// Whether a file is complete: announced by a `NAME.done` marker made after it was last written, or
    /// unchanged for `settleSeconds`.
    func isReady(_ file: InboxFile) -> Bool {
        if let marker = Self.marker(at: file.path + ".done") {
            let markerTime = InboxFile.snapshot(marker)
            let markerSeconds = Double(markerTime.modifiedSeconds) + Double(markerTime.modifiedNanoseconds) / 1e9
            if markerSeconds >= file.modified { return true }
            // Made before the file's last write: it announces an earlier file of that name, not this one.
            unlink(file.path + ".done")
            let name = URL(fileURLWithPath: file.path).lastPathComponent
            logger.warning("removed \(name).done: the file was written again after it; taken once it has settled")
        }
        return Date().timeIntervalSince1970 - file.modified >= settleSeconds
    }

    /// The largest `NAME.done` taken as a marker: markers are empty, or hold a short line (a checksum, a time).
    static let largestMarker = 128

    /// The `lstat` of `path` when it is a marker: a regular file of at most ``largestMarker`` bytes. Anything
    /// else named `.done` (a sender's data file, a folder, a link) is not a marker: never counted, never removed.
    static func marker(at path: String) -> stat? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= largestMarker
        else { return nil }
        return status
    }

    /// Removes `.done` markers whose file is not there (deleted, or already processed): a marker left over
    /// would make a new file of that name be taken at once, half written. A `.done` name that is no marker
    /// (a data file called `X.done`) is left in place with an error line, on every run until it is renamed;
    /// returns how many were.
    func removeStaleMarkers(_ names: [String]) -> Int {
        let present = Set(names)
        var left = 0
        for marker in names where marker.hasSuffix(".done") {
            let path = incoming + "/" + marker
            guard Self.marker(at: path) != nil else {
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                left += 1
                let kind =
                    status.st_mode & S_IFMT == S_IFREG
                    ? "a file of \(status.st_size) bytes" : InboxFile.kind(of: status.st_mode)
                let message =
                    "left \(marker) in incoming: names ending in .done are the inbox's markers, but this is \(kind), "
                    + "not a marker (an empty file, or one of at most \(Self.largestMarker) bytes); rename it"
                logger.error("\(message)", metadata: ["file": "\(marker)"])
                continue
            }
            if !present.contains(String(marker.dropLast(5))), unlink(path) == 0 {
                logger.warning("removed \(marker): no file \(marker.dropLast(5)) beside it")
            }
        }
        return left
    }

    /// The inbox's own folders must be folders, not links: a link would make the run read files from, or
    /// write a sender's file (name and content) into, any folder of the system, as root.
    static func requireRealFolder(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            throw SDMXError(.unreadableFile, "cannot examine \(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw SDMXError(
                .unreadableFile,
                "\(path) is \(InboxFile.kind(of: status.st_mode)), not a folder of the inbox's own: "
                    + "the inbox refuses to read or write through it; make it a plain folder")
        }
    }

    func archiveFolder() throws -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "UTC") ?? .current, from: Date())
        let path = String(format: "%@/archive/%04d/%02d", folder, parts.year ?? 0, parts.month ?? 0)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.requireRealFolder((path as NSString).deletingLastPathComponent)
        try Self.requireRealFolder(path)
        return path
    }

    /// The name, or `name-2`, `name-3`… when a file of that name was archived before.
    func uniqueName(_ name: String, in destination: String) -> String {
        var candidate = name
        var number = 2
        func taken(_ candidate: String) -> Bool {
            [candidate, candidate + ".report.json", candidate + ".report.txt"].contains { name in
                var status = stat()
                return lstat(destination + "/" + name, &status) == 0
            }
        }
        while taken(candidate) {
            let url = URL(fileURLWithPath: name)
            let stem = url.deletingPathExtension().lastPathComponent, ext = url.pathExtension
            candidate = ext.isEmpty ? "\(stem)-\(number)" : "\(stem)-\(number).\(ext)"
            number += 1
        }
        return candidate
    }

    func writeReports(_ results: [(name: String, outcome: Ingestor.Outcome)], as target: String, in destination: String)
        throws
    {
        var reports: [ValidationReport] = []
        var notes: [String] = []
        for (name, outcome) in results {
            switch outcome {
            case let .accepted(record, report, _, _, _):
                reports.append(report)
                notes.append("\(name.printable): stored as transmission \(record.id ?? 0)")
            case .alreadyIngested(let record):
                notes.append(
                    "\(name.printable): already ingested as transmission \(record.id ?? 0) on \(record.received)")
            case .rejected(let report):
                reports.append(report)
                notes.append("\(name.printable): rejected, nothing stored")
            }
        }
        try AtomicFileWriter.write(JSONReportRenderer.render(reports), to: destination + "/" + target + ".report.json")
        try AtomicFileWriter.write(
            TextReportRenderer.render(reports) + notes.joined(separator: "\n") + "\n",
            to: destination + "/" + target + ".report.txt")
    }

    func log(name: String, moved: String, results: [(name: String, outcome: Ingestor.Outcome)]) {
        for (entry, outcome) in results {
            switch outcome {
            case let .accepted(record, report, _, _, _):
                logger.info(
                    "accepted \(entry)",
                    metadata: [
                        "transmission": "\(record.id ?? 0)", "observations": "\(report.observations)",
                        "moved": "\(moved)",
                    ])
            case .alreadyIngested(let record):
                logger.info(
                    "already ingested \(entry)", metadata: ["transmission": "\(record.id ?? 0)", "moved": "\(moved)"])
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
        descriptor = open(path, O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SDMXError(.unreadableFile, "cannot open the inbox lock \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SDMXError(
                .limitExceeded, "another idac inbox run is processing this folder; try again when it has finished")
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
