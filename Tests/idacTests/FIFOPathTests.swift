import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A named FIFO with no one at its other end never blocks a run: as the data file it is refused (exit
/// 2, saying to give it as standard input), and as `--output` with no reader it is exit 2 at once.
@Suite struct FIFOPathTests {
    struct Run {
        var status: Int32
        var output: String
        /// Whether idac was still waiting after 10 seconds, and had to be unblocked from the FIFO's other end.
        var blocked: Bool
    }

    /// Runs idac; when it is still running after 10 seconds, opens the FIFO's other end (and closes it)
    /// so that it goes on, and says it had blocked.
    func idac(_ arguments: [String], unblocking fifo: String, asWriter: Bool) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.root)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var data = Data()
        Thread.detachNewThread {
            data = output.fileHandleForReading.readDataToEndOfFile()
            finished.signal()
        }
        var blocked = false
        if finished.wait(timeout: .now() + 10) == .timedOut {
            blocked = true
            let descriptor = open(fifo, (asWriter ? O_WRONLY : O_RDONLY) | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
            finished.wait()
        }
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self), blocked: blocked)
    }

    func fifo() throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/fifo.xml"
        #expect(mkfifo(path, 0o600) == 0)
        return path
    }

    @Test func aFIFOAsTheDataFileIsRefusedNotWaitedOn() throws {
        let path = try fifo()
        for command in ["validate", "inspect"] {
            let run = try idac([command, path], unblocking: path, asWriter: true)
            #expect(!run.blocked, "\(command) waited for a writer")
            #expect(run.status == 2, "\(command): \(run.output)")
            #expect(run.output.contains("is a FIFO, not a file"), "\(run.output)")
            #expect(run.output.contains("idac validate - <"), "\(run.output)")
        }
    }

    @Test func aDeviceAsTheDataFileIsRefused() throws {
        let run = try idac(["validate", "/dev/zero"], unblocking: "/dev/null", asWriter: true)
        #expect(run.status == 2, "\(run.output)")
        #expect(run.output.contains("is a character device, not a file"), "\(run.output)")
    }

    @Test func aFIFOWithNoReaderAsOutputIsRefusedAtOnce() throws {
        let path = try fifo()
        let sample = TestPaths.project("SampleData/kenya-2024-quarterly.xml")
        let run = try idac(
            ["validate", sample, "--format", "json", "--output", path], unblocking: path, asWriter: false)
        #expect(!run.blocked, "waited for a reader")
        #expect(run.status == 2, "\(run.output)")
        #expect(run.output.contains("nothing is reading it"), "\(run.output)")
        // With a reader it streams as before.
        let reader = OutputPathTests.FIFOReader(path: path)
        Thread.sleep(forTimeInterval: 0.2)
        let streamed = try idac(
            ["validate", sample, "--format", "json", "--output", path], unblocking: path, asWriter: false)
        #expect(streamed.status == 0, "\(streamed.output)")
        #expect(reader.text().contains("\"observations\""))
    }
}
