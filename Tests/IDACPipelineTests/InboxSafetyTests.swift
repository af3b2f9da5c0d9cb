import AllianceRepository
import Foundation
import Harmonisation
@testable import IDACPipeline
@testable import IDACSubmission
import SDMXInput
import SDMXModel
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Whatever lands in `incoming/`: only regular files in it are read, and only whole.
@Suite(.timeLimit(.minutes(2))) struct InboxSafetyTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()

    struct Fixture {
        var directory: String
        var inbox: Inbox
        var incoming: String { directory + "/inbox/incoming" }
    }

    func fixture(settle: Double = 0) throws -> Fixture {
        let directory = try TestPaths.temporaryDirectory()
        let validator = try SubmissionValidator(catalog: Self.catalog, harmonisation: try HarmonisationMaps.embedded())
        let ingestor = Ingestor(
            validator: validator, repository: try AllianceRepository(path: directory + "/alliance.sqlite"))
        try FileManager.default.createDirectory(
            atPath: directory + "/inbox/incoming", withIntermediateDirectories: true)
        return Fixture(
            directory: directory, inbox: Inbox(folder: directory + "/inbox", ingestor: ingestor, settleSeconds: settle))
    }

    func entries(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    func reportsText(_ fixture: Fixture) -> String {
        let root = fixture.directory + "/inbox"
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.contains(".report.") }
            .compactMap { try? String(contentsOfFile: root + "/" + $0, encoding: .utf8) }.joined()
    }

    @Test func fifosLinksAndFoldersAreLeftInPlaceUnread() throws {
        let fixture = try fixture()
        let secret = "IDAC-SECRET-\(UUID().uuidString)"
        let secretFile = fixture.directory + "/secret.xml"
        try secret.write(toFile: secretFile, atomically: false, encoding: .utf8)
        #expect(mkfifo(fixture.incoming + "/pipe.csv", 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: fixture.incoming + "/link.xml", withDestinationPath: secretFile)
        try FileManager.default.createDirectory(
            atPath: fixture.incoming + "/folder.xml", withIntermediateDirectories: false)
        try FileManager.default.copyItem(
            atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"),
            toPath: fixture.incoming + "/kenya.xml")
        let summary = try fixture.inbox.run()
        #expect(summary.skipped == 3)
        #expect((summary.accepted, summary.archivedFiles, summary.failed) == (1, 1, 0))
        #expect(try entries(fixture.incoming) == ["folder.xml", "link.xml", "pipe.csv"])
        #expect(!reportsText(fixture).contains(secret), "a linked file was read")
        #expect(try entries(fixture.directory + "/inbox/rejected").isEmpty)
    }

    @Test func aFileWrittenWhileItIsReadIsNotStoredAndStays() throws {
        let fixture = try fixture()
        let path = fixture.incoming + "/kenya.xml"
        let full = try String(contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), encoding: .utf8)
        try full.write(toFile: path, atomically: false, encoding: .utf8)
        let file = try InboxFile(path: path)
        // The uploader writes again after the inbox took the file.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("<!-- more -->\n".utf8))
        try handle.close()
        var summary = Inbox.Summary()
        fixture.inbox.process(file, name: "kenya.xml", into: &summary)
        #expect(summary.waiting == 1 && summary.accepted == 0 && summary.archivedFiles == 0)
        #expect(try fixture.inbox.ingestor.repository.transmissions().isEmpty, "nothing of a changing file is stored")
        #expect(try entries(fixture.incoming) == ["kenya.xml"])
        // Whole and settled, it is taken, and the archived file is the one stored.
        let summaryAfter = try fixture.inbox.run()
        #expect(summaryAfter.accepted == 1)
        let stored = try #require(try fixture.inbox.ingestor.repository.transmissions().first)
        let archived = try #require(
            FileManager.default.enumerator(atPath: fixture.directory + "/inbox/archive")?
                .compactMap { $0 as? String }.first { $0.hasSuffix("kenya.xml") })
        let digest = try SHA256.hex(of: ChunkedFileReader(path: fixture.directory + "/inbox/archive/" + archived))
        #expect(stored.sha256 == digest)
    }

    @Test func aFileRemovedWhileItIsReadIsNotStored() throws {
        let fixture = try fixture()
        let path = fixture.incoming + "/kenya.xml"
        try FileManager.default.copyItem(atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), toPath: path)
        let file = try InboxFile(path: path)
        unlink(path)
        var summary = Inbox.Summary()
        fixture.inbox.process(file, name: "kenya.xml", into: &summary)
        #expect(summary.waiting == 1 && summary.accepted == 0)
        #expect(try fixture.inbox.ingestor.repository.transmissions().isEmpty)
    }

    /// The sender sends a file again under its name after the first was checked and stored, before it was moved
    /// out: the new file stays in incoming for the next run, never archived unread (a plain `rename` by name
    /// archived it with the first one's reports).
    @Test func aFileGivenTheNameOfOneStoredIsNotArchivedUnread() throws {
        let fixture = try fixture()
        let path = fixture.incoming + "/kenya.xml"
        try FileManager.default.copyItem(atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), toPath: path)
        let file = try InboxFile(path: path)
        try "the new file".write(toFile: fixture.directory + "/new.xml", atomically: false, encoding: .utf8)
        #expect(rename(fixture.directory + "/new.xml", path) == 0)
        let archive = fixture.directory + "/inbox/archive"
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        #expect(try fixture.inbox.moveOut(file, to: archive + "/kenya.xml") == false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the new file")
        #expect(try entries(archive).isEmpty)
        // The file that holds the name is moved.
        #expect(try fixture.inbox.moveOut(try InboxFile(path: path), to: archive + "/kenya.xml"))
        #expect(try entries(fixture.incoming).isEmpty && entries(archive) == ["kenya.xml"])
    }

    @Test func markersCountOnlyForFilesWrittenBeforeThem() throws {
        let fixture = try fixture(settle: 3600)
        // A marker whose file was deleted is removed, so a new file of that name waits to settle.
        _ = FileManager.default.createFile(atPath: fixture.incoming + "/late.xml.done", contents: nil)
        #expect(try fixture.inbox.run().waiting == 0)
        #expect(try entries(fixture.incoming).isEmpty, "the stale marker is removed")
        // A marker older than its file (written again after it) does not announce it.
        let path = fixture.incoming + "/late.xml"
        _ = FileManager.default.createFile(atPath: path + ".done", contents: nil)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: path + ".done")
        try FileManager.default.copyItem(atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), toPath: path)
        let summary = try fixture.inbox.run()
        #expect(summary.waiting == 1 && summary.accepted == 0)
        #expect(try entries(fixture.incoming) == ["late.xml"])
    }

    @Test(arguments: [Double.nan, .infinity, 1e308, -1])
    func settleMustBeFiniteAndAtMostADay(_ settle: Double) throws {
        let fixture = try fixture(settle: settle)
        #expect(throws: SDMXError.self) { try fixture.inbox.run() }
    }

    @Test func aZipIsCountedByItsEntries() throws {
        let fixture = try fixture()
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                z.write(sys.argv[2], "good.xml")
                z.write(sys.argv[3], "bad.csv")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script, fixture.incoming + "/both.zip",
            TestPaths.project("SampleData/kenya-2024-quarterly.xml"),
            TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv"),
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let summary = try fixture.inbox.run()
        #expect((summary.accepted, summary.rejected) == (1, 1))
        #expect((summary.archivedFiles, summary.rejectedFiles) == (0, 1))
        #expect(try fixture.inbox.ingestor.repository.transmissions().count == 1)
    }

    @Test(arguments: ["incoming", "rejected", "archive"])
    func anInboxFolderThatIsALinkIsRefused(_ folder: String) throws {
        let fixture = try fixture()
        let elsewhere = fixture.directory + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), toPath: elsewhere + "/kenya.xml")
        let link = fixture.directory + "/inbox/" + folder
        try? FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: elsewhere)
        if folder != "incoming" {
            try FileManager.default.copyItem(
                atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"),
                toPath: fixture.incoming + "/kenya.xml")
        }
        #expect(throws: SDMXError.self) { try fixture.inbox.run() }
        #expect(try entries(elsewhere) == ["kenya.xml"], "the run read or wrote through the link")
        #expect(try fixture.inbox.ingestor.repository.transmissions().isEmpty)
    }

    @Test func namesTooLongOrNotUTF8AreLeftAndSaidSo() throws {
        let fixture = try fixture()
        let long = String(repeating: "k", count: 246) + ".xml"
        try FileManager.default.copyItem(
            atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"),
            toPath: fixture.incoming + "/" + long)
        // A Latin-1 name ("données.xml"), made through the C library since Swift strings are Unicode.
        let latin1: [CChar] =
            Array((fixture.incoming + "/donn").utf8CString.dropLast()) + [CChar(bitPattern: 0xE9)]
            + Array("es.xml".utf8CString)
        let descriptor = open(latin1, O_CREAT | O_WRONLY, 0o644)
        #expect(descriptor >= 0)
        _ = write(descriptor, "x", 1)
        close(descriptor)
        let summary = try fixture.inbox.run()
        #expect(summary.failed == 2 && summary.accepted == 0)
        #expect(try entries(fixture.incoming).count == 2)
        #expect(try fixture.inbox.ingestor.repository.transmissions().isEmpty)
    }

    @Test func entryNamesInTheTextReportAreEscaped() throws {
        let fixture = try fixture()
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.write(sys.argv[2], "a\\x1b[2J\\u202e\\nforged.xml")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script, fixture.incoming + "/upload.zip",
            TestPaths.project("SampleData/kenya-2024-quarterly.xml"),
        ]
        try process.run()
        process.waitUntilExit()
        #expect(try fixture.inbox.run().accepted == 1)
        // The text report is for terminals and mail: escaped. (The JSON report keeps the name as it is,
        // in JSON's own escaping.)
        let text = reportsText(fixture).components(separatedBy: "{").first ?? ""
        let archived =
            FileManager.default.enumerator(atPath: fixture.directory + "/inbox/archive")?
            .compactMap { $0 as? String }.first { $0.hasSuffix(".report.txt") } ?? ""
        let report =
            (try? String(contentsOfFile: fixture.directory + "/inbox/archive/" + archived, encoding: .utf8)) ?? text
        #expect(!report.contains("\u{1B}") && !report.contains("\u{202E}"))
        #expect(report.contains("a\\u001B[2J\\u202E\\u000Aforged.xml: stored as transmission"))
    }

    /// Bytes this thread has read (`rchar` of `/proc/thread-self/io`), or nil where there is none.
    static func bytesReadByThisThread() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/thread-self/io", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("rchar:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/thread-self/io"), "needs Linux's /proc"))
    func aFileIsHashedOnce() throws {
        let fixture = try fixture()
        // Sparse: 256 MB that cost nothing to make (and are no data, so only the hashing reads them whole).
        let path = fixture.incoming + "/big.xml"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 256 << 20)
        try handle.close()
        let before = try #require(Self.bytesReadByThisThread())
        let summary = try fixture.inbox.run()
        let read = try #require(Self.bytesReadByThisThread()) - before
        #expect(summary.rejectedFiles == 1)
        // It was hashed three times (at the start, by the ingestor, and again before deciding).
        #expect(read < (256 << 20) * 3 / 2, "read \(read >> 20) MB of a 256 MB file")
    }

    @Test func aFileOverTheSizeLimitIsRejectedUnread() throws {
        var fixture = try fixture()
        fixture.inbox.maxInputBytes = 1 << 20
        // 20 GB, sparse: reading it whole would take minutes.
        let path = fixture.incoming + "/huge.xml"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 20 << 30)
        try handle.close()
        try FileManager.default.copyItem(
            atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), toPath: fixture.incoming + "/kenya.xml")
        let start = Date()
        let summary = try fixture.inbox.run()
        #expect(Date().timeIntervalSince(start) < 20)
        #expect((summary.accepted, summary.rejected, summary.archivedFiles, summary.rejectedFiles) == (1, 1, 1, 1))
        #expect(
            try entries(fixture.directory + "/inbox/rejected") == [
                "huge.xml", "huge.xml.report.json", "huge.xml.report.txt",
            ])
        #expect(reportsText(fixture).contains("more than the 1 MB the inbox reads (--max-input-mb)"))
    }

    @Test func contentChangedWithItsTimeSetBackIsNotStored() throws {
        let fixture = try fixture()
        let path = fixture.incoming + "/kenya.xml"
        try FileManager.default.copyItem(atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), toPath: path)
        let file = try InboxFile(path: path)
        // Same size, one value changed, the modification time put back: only the change time tells.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "OBS_VALUE=\"412\"", with: "OBS_VALUE=\"999\"")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        var times = [
            timespec(tv_sec: file.atStart.modifiedSeconds, tv_nsec: file.atStart.modifiedNanoseconds),
            timespec(tv_sec: file.atStart.modifiedSeconds, tv_nsec: file.atStart.modifiedNanoseconds),
        ]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var summary = Inbox.Summary()
        fixture.inbox.process(file, name: "kenya.xml", into: &summary)
        #expect(summary.waiting == 1 && summary.accepted == 0)
        #expect(try fixture.inbox.ingestor.repository.transmissions().isEmpty)
    }

    @Test func aDataFileNamedLikeAMarkerIsLeftNotDeleted() throws {
        let fixture = try fixture()
        let sample = TestPaths.project("SampleData/kenya-2024-quarterly.xml")
        // No file `upload` beside it: it used to be removed as a stale marker.
        try FileManager.default.copyItem(atPath: sample, toPath: fixture.incoming + "/upload.done")
        // A data file `kenya.xml.done` beside `kenya.xml`: not its marker, and not removed with it.
        try FileManager.default.copyItem(atPath: sample, toPath: fixture.incoming + "/kenya.xml")
        try FileManager.default.copyItem(atPath: sample, toPath: fixture.incoming + "/kenya.xml.done")
        // A real, empty, stale marker is still removed.
        _ = FileManager.default.createFile(atPath: fixture.incoming + "/gone.xml.done", contents: Data())
        let summary = try fixture.inbox.run()
        #expect(summary.failed == 2, "each is said (exit 2)")
        #expect(summary.accepted == 1)
        #expect(try entries(fixture.incoming) == ["kenya.xml.done", "upload.done"])
        let size = try FileManager.default.attributesOfItem(atPath: fixture.incoming + "/upload.done")[.size] as? Int
        #expect(size == (try FileManager.default.attributesOfItem(atPath: sample)[.size] as? Int))
    }
}
