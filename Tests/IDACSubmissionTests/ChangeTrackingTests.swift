import Foundation
import IDACSubmission
import SDMXCSV
import SDMXInput
import SDMXModel
@testable import SDMXValidation
import SDMXXML
import TestSupport
import Testing

/// The validator checks only the values that changed since the observation before (a series'
/// dimensions and attributes repeat on every CSV row), and splits the hierarchical rules' checks
/// of a large partition over two threads. These tests hold it to the findings of checking every
/// value of every observation afresh on one thread, on generated submissions with errors of every
/// kind sprinkled over them — in each format, since each reader hands values over its own way.
@Suite struct ChangeTrackingTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()

    /// A valid submission of `observations` from scripts/generate-submission.py.
    func generated(_ format: String, observations: Int, in directory: String) throws -> String {
        let path = directory + "/generated-\(format).\(format == "csv" ? "csv" : "xml")"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestPaths.project("scripts/generate-submission.py"), "--observations", String(observations),
            "--format", format,
        ]
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 runs scripts/generate-submission.py")
        return path
    }

    /// The file with about one line in `every` spoiled, the same way for the same seed: a value
    /// replaced by a wrong code, an empty or negative or fractional value, a bad period, a missing
    /// status; an XML value dropped; a CSV field dropped; a record repeated.
    func spoiled(_ path: String, seed: UInt64, every: UInt64) throws -> String {
        var random = SplitMix(seed: seed)
        let spoilers = [
            "", "-5", "3.5", "XX", "M", "PCNT", "2020-13", "1990-Q1", "ten", "_T", "F", "0", "NaN", "Q", "A", "E",
            "PS", "3", "ABW", "ZZZ", "2021", "150",
        ]
        let isCSV = path.hasSuffix(".csv")
        var lines: [String] = []
        for (number, line) in try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            .enumerated()
        {
            guard number > 0, random.next() % every == 0 else {
                lines.append(line)
                continue
            }
            let spoiler = spoilers[Int(random.next() % UInt64(spoilers.count))]
            switch random.next() % 10 {
            case 0 where isCSV || (line.contains("<Obs ") && line.hasSuffix("/>")):
                lines.append(line)  // a repeat
                lines.append(line)
            case _ where isCSV:
                var fields = line.components(separatedBy: ",")
                guard fields.count > 4 else { lines.append(line); continue }
                fields[3 + Int(random.next() % UInt64(fields.count - 3))] = spoiler
                if random.next() % 20 == 0 { fields.removeLast() }
                lines.append(fields.joined(separator: ","))
            default:
                // An attribute of the element: its value replaced, or (one time in ten) the attribute dropped.
                let attributes = line.ranges(of: /\b(?:value|[A-Z_]+)="[^"]*"/)
                guard !attributes.isEmpty else { lines.append(line); continue }
                let range = attributes[Int(random.next() % UInt64(attributes.count))]
                var changed = line
                if random.next() % 10 == 0 {
                    changed.removeSubrange(range)
                } else {
                    let name = line[range].prefix { $0 != "=" }
                    changed.replaceSubrange(range, with: "\(name)=\"\(spoiler)\"")
                }
                lines.append(changed)
            }
        }
        let spoiledPath = path.replacingOccurrences(of: "generated-", with: "spoiled-\(seed)-")
        try lines.joined(separator: "\n").write(toFile: spoiledPath, atomically: false, encoding: .utf8)
        return spoiledPath
    }

    /// - Parameter ruleRecordBudget: small, the rules' records go to temporary files and the
    ///   partitions are too large to be checked two at a time (each one's checks run side by side).
    func findings(_ path: String, checksEveryValue: Bool, ruleRecordBudget: Int = 1 << 17) throws -> [String] {
        let validator = DataValidator(
            catalog: Self.catalog, rules: try ValidationRules.load(from: Self.catalog),
            maxFindings: 1_000_000, ruleRecordBudget: ruleRecordBudget, checksEveryValue: checksEveryValue)
        // Every partition's hierarchical checks on two threads, against one thread for checking everything.
        validator.ruleMembersToSplit = 2
        if path.hasSuffix(".csv") {
            try SDMXCSVDataReader().read(path: path, into: validator)
        } else if TestPaths.head(path).contains("GenericData") {
            try GenericDataReader().read(source: ChunkedFileReader(path: path), into: validator)
        } else {
            try StructureSpecificDataReader().read(path: path, into: validator)
        }
        // In the order they were found: with a cap on findings, that order decides which are kept.
        return validator.collector.findings.map {
            "\($0.code.rawValue)|\($0.severity)|\($0.line):\($0.column)|\($0.component ?? "")|\($0.value ?? "")|\($0.key ?? "")|\($0.message)"
        }
    }

    @Test(arguments: ["csv", "xml", "generic"])
    func checkingWhatChangedFindsWhatCheckingEverythingFinds(format: String) throws {
        let directory = try TestPaths.temporaryDirectory()
        let valid = try generated(format, observations: 4_000, in: directory)
        #expect(try findings(valid, checksEveryValue: false).isEmpty, "the generated submission is valid")
        for seed: UInt64 in [1, 2, 3] {
            let path = try spoiled(valid, seed: seed, every: 25)
            let tracked = try findings(path, checksEveryValue: false)
            let full = try findings(path, checksEveryValue: true)
            let codes = Set(tracked.map { $0.prefix { $0 != "|" } })
            #expect(
                tracked.count > 100 && codes.count >= 6,
                "the spoiled file has findings of many kinds: \(codes.sorted())")
            for (label, candidate) in [
                ("two partitions at a time", tracked),
                ("one large partition at a time", try findings(path, checksEveryValue: false, ruleRecordBudget: 64)),
            ] {
                let difference =
                    zip(candidate, full).first { $0 != $1 }.map { "\($0)\n  against \($1)" }
                    ?? (candidate.count == full.count ? nil : "\(candidate.count) findings against \(full.count)")
                #expect(difference == nil, "\(format), seed \(seed), \(label): \(difference ?? "")")
            }
        }
    }
}

/// A small seeded generator (SplitMix64), so that a spoiled file is the same on every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
