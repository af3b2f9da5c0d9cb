import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--output` never turns a FIFO, a device or a symlink into a regular file: it writes through them,
/// streaming, and replaces (atomically) only a regular file or nothing.
@Suite struct OutputPathTests {
    let cli = CommandLineTests()

    /// The file type bits of what is at `path`, not following a link.
    func kind(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & S_IFMT
    }

    /// Reads a FIFO on another thread until its writer closes it, as a consumer at its other end would.
    final class FIFOReader: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(path: String) {
            Thread.detachNewThread { [self] in
                if let handle = FileHandle(forReadingAtPath: path) {
                    data = handle.readDataToEndOfFile()
                }
                done.signal()
            }
        }

        func text() -> String {
            _ = done.wait(timeout: .now() + 30)
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test(arguments: [
        ["validate", "--format", "json", "SampleData/kenya-2024-quarterly.xml"],
        ["transform", "--to", "sdmx-csv", "SampleData/kenya-2024-quarterly.xml"],
    ])
    func aFIFOAndALinkToItAreWrittenThroughAndStayWhatTheyAre(_ command: [String]) throws {
        let directory = try TestPaths.temporaryDirectory()
        let fifo = directory + "/out.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let link = directory + "/link-to-fifo"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fifo)
        for target in [fifo, link] {
            let reader = FIFOReader(path: fifo)
            let run = try cli.idac(arguments: command + ["--output", target])
            #expect(run.status == 0, "\(run.errors)")
            let received = reader.text()
            #expect(received.contains(command[0] == "validate" ? "\"valid\": true" : "STRUCTURE,STRUCTURE_ID"))
            #expect(kind(fifo) == S_IFIFO, "the FIFO was replaced")
            #expect(kind(link) == S_IFLNK, "the link was replaced")
        }
    }

    @Test func aLinkToARegularFileReplacesTheFileAndKeepsTheLink() throws {
        let directory = try TestPaths.temporaryDirectory()
        let file = directory + "/report.json", link = directory + "/latest.json"
        try "old".write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        let run = try cli.idac("validate", "--format", "json", "--output", link, "SampleData/kenya-2024-quarterly.xml")
        #expect(run.status == 0, "\(run.errors)")
        #expect(kind(link) == S_IFLNK)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"valid\": true"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["latest.json", "report.json"])
    }

    @Test func aFolderOrADanglingLinkIsRefusedNamingIt() throws {
        let directory = try TestPaths.temporaryDirectory()
        let dangling = directory + "/dangling"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory + "/nowhere")
        for (target, reason) in [(directory, "it is a folder"), (dangling, "it is a symbolic link to nothing")] {
            let run = try cli.idac("validate", "--output", target, "SampleData/kenya-2024-quarterly.xml")
            #expect(run.status == 2)
            #expect(run.errors.contains("cannot write \(target): \(reason)"), "\(run.errors)")
        }
        #expect(kind(dangling) == S_IFLNK)
        #expect(!FileManager.default.fileExists(atPath: directory + "/nowhere"))
    }

    @Test func aFullDeviceIsAnErrorNotAReplacement() throws {
        // /dev/full accepts the open and fails every write: the device must stay a device.
        guard kind("/dev/full") == S_IFCHR else { return }
        let run = try cli.idac(
            "validate", "--format", "json", "--output", "/dev/full", "SampleData/kenya-2024-quarterly.xml")
        #expect(run.status == 2)
        #expect(run.errors.contains("/dev/full"))
        #expect(kind("/dev/full") == S_IFCHR)
    }
}

/// `--structure` folders: links are not followed into folders, FIFOs are not read.
@Suite struct StructureFolderTests {
    @Test(.timeLimit(.minutes(1))) func loopsAndFIFOsInAStructureFolderAreLeftAlone() throws {
        let directory = try TestPaths.temporaryDirectory()
        let folder = directory + "/structures"
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        for name in ["IDAC_CODELISTS.xml", "DF_CHILD_MIGRATION.xml", "IDAC_RULES.xml"] {
            try FileManager.default.copyItem(
                atPath: TestPaths.project("Schemas/" + name), toPath: folder + "/sub/" + name)
        }
        try FileManager.default.createSymbolicLink(atPath: folder + "/sub/up", withDestinationPath: "..")
        #expect(mkfifo(folder + "/waiting.xml", 0o600) == 0)
        let run = try CommandLineTests().idac("validate", "--structure", folder, "SampleData/kenya-2024-quarterly.xml")
        #expect(run.status == 0, "\(run.errors)")
        let fifo = try CommandLineTests().idac(
            "validate", "--structure", folder + "/waiting.xml", "SampleData/kenya-2024-quarterly.xml")
        #expect(fifo.status == 2)
        #expect(fifo.errors.contains("is not a file or a folder"), "\(fifo.errors)")
    }
}
