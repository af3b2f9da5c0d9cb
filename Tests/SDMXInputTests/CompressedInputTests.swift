import Foundation
import SDMXInput
import SDMXModel
import TestSupport
import Testing

@Suite struct CompressedInputTests {
    func run(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(arguments) failed")
    }

    func collect(_ source: any ByteSource) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try source.forEachChunk { bytes.append(contentsOf: $0) }
        return bytes
    }

    @Test func gzipStreamsTheOriginalBytes() throws {
        let directory = try TestPaths.temporaryDirectory()
        let text = String(repeating: "STRUCTURE,STRUCTURE_ID\n", count: 50_000)
        try text.write(toFile: directory + "/data.csv", atomically: false, encoding: .utf8)
        try run(["gzip", "-k", "data.csv"], in: directory)
        let source = try GzipSource(path: directory + "/data.csv.gz")
        #expect(try collect(source) == Array(text.utf8))
        #expect(try source.prefix(9) == Array("STRUCTURE".utf8))
    }

    @Test func zipEntriesStreamStoredAndDeflated() throws {
        let directory = try TestPaths.temporaryDirectory()
        try "first".write(toFile: directory + "/a.txt", atomically: false, encoding: .utf8)
        let big = String(repeating: "a,b,c\n", count: 100_000)
        try big.write(toFile: directory + "/b.csv", atomically: false, encoding: .utf8)
        try run(
            [
                "python3", "-c",
                """
                import zipfile
                with zipfile.ZipFile('both.zip', 'w') as z:
                    z.write('a.txt', compress_type=zipfile.ZIP_STORED)
                    z.write('b.csv', compress_type=zipfile.ZIP_DEFLATED)
                """,
            ], in: directory)
        let archive = try ZipArchive(path: directory + "/both.zip")
        #expect(archive.entries.map(\.name) == ["a.txt", "b.csv"])
        #expect(try collect(archive.source(for: archive.entries[0])) == Array("first".utf8))
        let entry = try archive.source(for: archive.entries[1])
        #expect(entry.name == directory + "/both.zip!b.csv")
        #expect(try collect(entry) == Array(big.utf8))
    }

    @Test func archiveBombsAreRefused() throws {
        let directory = try TestPaths.temporaryDirectory()
        // 200 MB of zeros compress to about 200 KB: a ratio of 1000.
        try run(
            [
                "python3", "-c",
                """
                import gzip, zipfile
                zeros = bytes(1 << 20)
                with gzip.open('bomb.gz', 'wb') as g:
                    for _ in range(200): g.write(zeros)
                with zipfile.ZipFile('bomb.zip', 'w', zipfile.ZIP_DEFLATED) as z:
                    with z.open('bomb.csv', 'w') as e:
                        for _ in range(200): e.write(zeros)
                """,
            ], in: directory)
        let limits = DecompressionLimits(maxExpandedBytes: 1 << 30, maxRatio: 100, ratioCheckAfterBytes: 8 << 20)
        #expect(throws: SDMXError.self) { try self.collect(GzipSource(path: directory + "/bomb.gz", limits: limits)) }
        // A zip archive is refused when it is opened, from what its entries declare.
        for refusing in [limits, DecompressionLimits(maxExpandedBytes: 1 << 20)] {
            do {
                _ = try ZipArchive(path: directory + "/bomb.zip", limits: refusing)
                Issue.record("the bomb must be refused")
            } catch let error as SDMXError {
                #expect(error.code == .limitExceeded)
                #expect(error.message.contains("archive bomb"))
            }
        }
    }

    @Test func truncatedCompressedFilesAreErrors() throws {
        let directory = try TestPaths.temporaryDirectory()
        try String(repeating: "x", count: 100_000).write(
            toFile: directory + "/x.txt", atomically: false, encoding: .utf8)
        try run(["gzip", "-k", "x.txt"], in: directory)
        let whole = try Data(contentsOf: URL(fileURLWithPath: directory + "/x.txt.gz"))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: directory + "/cut.gz"))
        #expect(throws: SDMXError.self) { try self.collect(GzipSource(path: directory + "/cut.gz")) }
        try whole.prefix(10).write(to: URL(fileURLWithPath: directory + "/not.zip"))
        #expect(throws: SDMXError.self) { try ZipArchive(path: directory + "/not.zip") }
    }
}
