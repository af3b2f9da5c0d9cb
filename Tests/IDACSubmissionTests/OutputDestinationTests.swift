import Foundation
import IDACSubmission
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct OutputDestinationTests {
    @Test func onlyAbsentAndRegularFilesAreReplaced() throws {
        let directory = try TestPaths.temporaryDirectory()
        let file = directory + "/file", fifo = directory + "/fifo", link = directory + "/link"
        try "x".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(mkfifo(fifo, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        #expect(try OutputDestination.of(directory + "/new") == .replace(path: directory + "/new"))
        #expect(try OutputDestination.of(file) == .replace(path: file))
        #expect(try OutputDestination.of(fifo) == .stream(path: fifo))
        #expect(try OutputDestination.of("/dev/null") == .stream(path: "/dev/null"))
        // A link to a regular file replaces the file it resolves to; the link stays.
        let resolved = try OutputDestination.of(link)
        #expect(resolved == .replace(path: URL(fileURLWithPath: file).resolvingSymlinksInPath().path))
        #expect(throws: (any Error).self) { try OutputDestination.of(directory) }
    }
}
