import Foundation
import SDMXInput
import SDMXModel
import TestSupport
import Testing

/// Hostile and damaged archives, built byte by byte: each is refused with the reason, for the
/// archive as a whole where the trick spans entries.
@Suite struct ArchiveHardeningTests {
    func file(_ bytes: [UInt8], _ name: String = "test.zip") throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func collect(_ source: any ByteSource) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try source.forEachChunk { bytes.append(contentsOf: $0) }
        return bytes
    }

    func refusal(_ body: () throws -> Void) -> SDMXError? {
        do {
            try body()
            return nil
        } catch let error as SDMXError {
            return error
        } catch {
            return nil
        }
    }

    func readAll(_ path: String, limits: DecompressionLimits = .default) throws {
        let archive = try ZipArchive(path: path, limits: limits)
        for entry in archive.entries { _ = try collect(archive.source(for: entry)) }
    }

    @Test(arguments: [UInt16(0), UInt16(8)])
    func aChangedValueWithTheOldCRCIsDamaged(method: UInt16) throws {
        var entry = ZipBuilder.Entry("data.csv", Array("A,B\nx,57\n".utf8), method: method)
        entry.content = Array("A,B\nx,58\n".utf8)  // changed on the way; the CRC still says 57
        let error = refusal { try readAll(file(ZipBuilder([entry]).bytes())) }
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("CRC-32") == true)
        // The same archive intact reads.
        let intact = ZipBuilder.Entry("data.csv", Array("A,B\nx,58\n".utf8), method: method)
        #expect(refusal { try readAll(file(ZipBuilder([intact]).bytes())) } == nil)
    }

    /// C strings end at a NUL: `kenya.csv\0.exe` would be stored and reported as `kenya.csv`.
    @Test func aNULInAnEntryNameIsRefused() throws {
        let entry = ZipBuilder.Entry("kenya.csv\u{0}.exe", Array("A,B\nx,57\n".utf8))
        let error = refusal { try readAll(file(ZipBuilder([entry]).bytes())) }
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("'kenya.csv\\0.exe' holds a NUL byte") == true, "\(String(describing: error))")
    }

    @Test(arguments: [UInt16(0), UInt16(8)])
    func aSizeOtherThanDeclaredIsDamaged(method: UInt16) throws {
        var entry = ZipBuilder.Entry("data.csv", Array("A,B\nx,57\n".utf8), method: method)
        entry.declaredSize += 3
        let error = refusal { try readAll(file(ZipBuilder([entry]).bytes())) }
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("declares") == true)
    }

    /// The second entry's local header and data lie inside the first entry's data: two directory
    /// records for the same bytes, the core of an overlapping-entries bomb.
    @Test func entriesSharingBytesAreRefused() throws {
        let inner = ZipBuilder.Entry("b.csv", Array("1,2\n".utf8))
        let innerRecord = ZipBuilder.localRecord(inner)
        let outer = ZipBuilder.Entry("a.csv", innerRecord)
        let locals = ZipBuilder.localRecord(outer)
        let directory = ZipBuilder.centralRecord(outer, offset: 0) + ZipBuilder.centralRecord(inner, offset: 30 + 5)
        let bytes =
            locals + directory
            + ZipBuilder.endRecord(count: 2, directorySize: directory.count, directoryOffset: locals.count)
        let error = refusal { _ = try ZipArchive(path: file(bytes)) }
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("share the same bytes") == true)
    }

    @Test func aLocalHeaderThatDisagreesIsRefused() throws {
        var renamed = ZipBuilder.Entry("data.csv", Array("x".utf8))
        renamed.localName = "else.csv"
        #expect(
            refusal { _ = try ZipArchive(path: file(ZipBuilder([renamed]).bytes())) }?.message.contains("names another")
                == true)
        var recompressed = ZipBuilder.Entry("data.csv", Array("x".utf8))
        var local = ZipBuilder.localRecord(recompressed)
        local[8] = 8  // the local header says deflate, the directory stored
        recompressed.name = "data.csv"
        let directory = ZipBuilder.centralRecord(recompressed, offset: 0)
        let bytes =
            local + directory
            + ZipBuilder.endRecord(count: 1, directorySize: directory.count, directoryOffset: local.count)
        #expect(refusal { _ = try ZipArchive(path: file(bytes)) }?.message.contains("method") == true)
        var resized = ZipBuilder.Entry("data.csv", Array("xy".utf8))
        var sizedLocal = ZipBuilder.localRecord(resized)
        sizedLocal[22] = 1  // the local header declares one byte expanded, the directory two
        resized.name = "data.csv"
        let sizedDirectory = ZipBuilder.centralRecord(resized, offset: 0)
        let sizedBytes =
            sizedLocal + sizedDirectory
            + ZipBuilder.endRecord(count: 1, directorySize: sizedDirectory.count, directoryOffset: sizedLocal.count)
        #expect(refusal { _ = try ZipArchive(path: file(sizedBytes)) }?.message.contains("other sizes") == true)
        // A directory record pointing where no local header is.
        let entry = ZipBuilder.Entry("data.csv", Array("xyz".utf8))
        let plain = ZipBuilder.localRecord(entry)
        let shifted = ZipBuilder.centralRecord(entry, offset: 1)
        let shiftedBytes =
            plain + shifted + ZipBuilder.endRecord(count: 1, directorySize: shifted.count, directoryOffset: plain.count)
        #expect(refusal { _ = try ZipArchive(path: file(shiftedBytes)) }?.message.contains("no local header") == true)
    }

    @Test func theEndRecordMustCountTheEntriesFound() throws {
        let entries = (0..<30).map { ZipBuilder.Entry("e\($0).csv", Array("x".utf8)) }
        let error = refusal { _ = try ZipArchive(path: file(ZipBuilder(entries, declaredCount: 1).bytes())) }
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("counts 1") == true)
        #expect(try ZipArchive(path: file(ZipBuilder(entries).bytes())).entries.count == 30)
    }

    @Test func twoEntriesWithOneNameAreRefused() throws {
        let entries = [ZipBuilder.Entry("a.csv", Array("x".utf8)), ZipBuilder.Entry("a.csv", Array("y".utf8))]
        #expect(
            refusal { _ = try ZipArchive(path: file(ZipBuilder(entries).bytes())) }?.message.contains("two entries")
                == true)
    }

    /// Each entry within the limit, all of them together past it: refused for the archive.
    @Test func theLimitsHoldForTheWholeArchive() throws {
        let entries = (0..<20).map { ZipBuilder.Entry("e\($0).csv", [UInt8](repeating: 0x41, count: 100)) }
        let path = try file(ZipBuilder(entries).bytes())
        let limits = DecompressionLimits(maxExpandedBytes: 1000)
        let error = refusal { try readAll(path, limits: limits) }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("all its entries together") == true)
        #expect(refusal { try readAll(path, limits: DecompressionLimits(maxExpandedBytes: 2000)) } == nil)
        // The ratio, against the archive's size.
        let ratio = DecompressionLimits(maxRatio: 1, ratioCheckAfterBytes: 0)
        let zeros = [ZipBuilder.Entry("z.csv", [UInt8](repeating: 0, count: 10_000), method: 8)]
        #expect(
            refusal { try readAll(file(ZipBuilder(zeros).bytes()), limits: ratio) }?.code != .limitExceeded,
            "stored deflate does not expand, so it is within a ratio of 1")
        #expect(
            refusal { try readAll(path, limits: DecompressionLimits(maxRatio: 0, ratioCheckAfterBytes: 0)) }?.code
                == .limitExceeded)
    }

    @Test func gzipWithTrailingZerosAndSeveralMembersReads() throws {
        let text = Array("STRUCTURE,A\nx,1\n".utf8)
        let padded = try file(ZipBuilder.gzipMember(text) + [UInt8](repeating: 0, count: 1024), "padded.gz")
        #expect(try collect(GzipSource(path: padded)) == text)
        let members = try file(
            ZipBuilder.gzipMember(Array(text[0..<5])) + ZipBuilder.gzipMember(Array(text[5...])), "two.gz")
        #expect(try collect(GzipSource(path: members)) == text)
        let garbage = try file(ZipBuilder.gzipMember(text) + [0, 0, 7, 7], "garbage.gz")
        #expect(throws: SDMXError.self) { try self.collect(GzipSource(path: garbage)) }
    }
}
