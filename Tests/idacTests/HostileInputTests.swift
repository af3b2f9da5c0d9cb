import Foundation
import TestSupport
import Testing

/// Broken and hostile files, each generated here, given to `idac validate` as a user would: each gets
/// exit 1 (the submission is bad) or 2 (idac could not work), a message that says what to do, and
/// nothing from a local file ever appears in the output.
@Suite struct HostileInputTests {
    static let secret = "IDAC-SECRET-\(UUID().uuidString)"

    struct Run {
        var status: Int32
        var output: String
        /// Peak memory in kilobytes, where /usr/bin/time can tell.
        var peakKilobytes: Int?
    }

    func idac(_ arguments: [String]) throws -> Run {
        let directory = try TestPaths.temporaryDirectory()
        let timeFile = directory + "/time"
        let process = Process()
        let time = "/usr/bin/time"
        if FileManager.default.isExecutableFile(atPath: time) {
            process.executableURL = URL(fileURLWithPath: time)
            process.arguments = ["-f", "%M", "-o", timeFile, CommandLineTests.executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
            process.arguments = arguments
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let peak = (try? String(contentsOfFile: timeFile, encoding: .utf8))
            .flatMap { $0.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        return Run(
            status: process.terminationStatus, output: String(decoding: data, as: UTF8.self), peakKilobytes: peak)
    }

    /// A temporary file holding the secret, for entities to point at.
    func secretFile() throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/secret.txt"
        try Self.secret.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func write(_ text: String, name: String) throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func expectBounded(_ run: Run, _ label: String) {
        if let peak = run.peakKilobytes { #expect(peak < 256 * 1024, "\(label): peak memory \(peak) KB") }
        #expect(!run.output.contains(Self.secret), "\(label) leaked a local file")
    }

    static let dataHead = """
        <?xml version="1.0"?>
        <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" xmlns:data="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific">
        <message:Header><message:ID>X</message:ID><message:Test>true</message:Test><message:Prepared>2025-01-01T00:00:00Z</message:Prepared><message:Sender id="X"/>
        <message:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"><common:StructureUsage><Ref agencyID="IDAC" id="DF_CHILD_MIGRATION" version="1.0"/></common:StructureUsage></message:Structure></message:Header>
        """

    @Test func externalEntityIsRefusedWithoutReadingTheFile() throws {
        let secret = try secretFile()
        let path = try write(
            """
            <?xml version="1.0"?>
            <!DOCTYPE message:StructureSpecificData [ <!ENTITY leak SYSTEM "file://\(secret)"> ]>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
            <message:DataSet><Obs TIME_PERIOD="&leak;"/></message:DataSet></message:StructureSpecificData>
            """, name: "xxe.xml")
        let run = try idac(["validate", path])
        #expect(run.status == 1)
        #expect(run.output.contains("DOCTYPE"))
        expectBounded(run, "external entity")
    }

    @Test func entityAmplificationIsRefused() throws {
        var entities = "<!ENTITY a0 \"lol\">"
        for level in 1...10 {
            entities += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">"
        }
        let path = try write(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE message:StructureSpecificData [\(entities)]>\n"
                + "<message:StructureSpecificData xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\" "
                + "a=\"&a10;\">&a10;</message:StructureSpecificData>", name: "laughs.xml")
        let run = try idac(["validate", path])
        #expect(run.status == 1)
        #expect(run.output.contains("DOCTYPE"))
        expectBounded(run, "billion laughs")
    }

    @Test func deepNestingIsRefused() throws {
        let depth = 200_000
        let path = try write(
            Self.dataHead + "<message:DataSet>" + String(repeating: "<a>", count: depth)
                + String(repeating: "</a>", count: depth) + "</message:DataSet></message:StructureSpecificData>",
            name: "deep.xml")
        let run = try idac(["validate", path])
        #expect(run.status == 1)
        #expect(run.output.contains("nested more than 256 deep"))
        expectBounded(run, "deep nesting")
    }

    @Test func limitsCanBeRaisedForHonestFiles() throws {
        let depth = 300
        let path = try write(
            Self.dataHead + "<message:DataSet>" + String(repeating: "<a>", count: depth)
                + String(repeating: "</a>", count: depth) + "</message:DataSet></message:StructureSpecificData>",
            name: "deeper.xml")
        let refused = try idac(["validate", path])
        #expect(refused.output.contains("nested more than 256 deep"))
        let raised = try idac(["validate", "--max-depth", "400", path])
        #expect(!raised.output.contains("nested more than"))
        #expect(raised.status == 0)
        let bad = try idac(["validate", "--max-depth", "0", path])
        #expect(bad.status == 2)
    }

    @Test func hugeAttributeIsRefused() throws {
        let path = try TestPaths.temporaryDirectory() + "/huge.xml"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.write(Data((Self.dataHead + "<message:DataSet><Obs TIME_PERIOD=\"2024\" OBS_FOOTNOTE=\"").utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<64 { handle.write(block) }
        handle.write(Data("\"/></message:DataSet></message:StructureSpecificData>".utf8))
        try handle.close()
        let run = try idac(["validate", path])
        #expect(run.status == 1)
        #expect(run.output.contains("MALFORMED_INPUT"))
        expectBounded(run, "64 MB attribute")
    }

    @Test func tooManyAttributesAreRefusedBeforeParsing() throws {
        let attributes = (0..<200_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let path = try write(
            Self.dataHead + "<message:DataSet><Obs \(attributes)/></message:DataSet></message:StructureSpecificData>",
            name: "attributes.xml")
        let run = try idac(["validate", path])
        #expect(run.status == 1)
        #expect(run.output.contains("more than 1024 attributes"))
        expectBounded(run, "200 000 attributes")
    }

    @Test func brokenCSVTextIsReportedLineByLine() throws {
        let header =
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
        let row = "dataflow,IDAC:DF_CHILD_MIGRATION(1.0),I,A,TJK,MG_RETURNED,RUS,_T,Y0T17,_T,2023,1200,PS,0,A\n"
        var bytes = Data((header + row).utf8)
        bytes.append(Data(row.replacingOccurrences(of: "RUS", with: "KAZ").utf8.dropLast()))
        bytes.append(contentsOf: [0xFF, 0x0A])
        bytes.append(
            Data(
                row.replacingOccurrences(of: "RUS", with: "UZB").replacingOccurrences(of: "1200", with: "12\u{0}00")
                    .utf8))
        let path = try TestPaths.temporaryDirectory() + "/text.csv"
        try bytes.write(to: URL(fileURLWithPath: path))
        let run = try idac(["validate", "--format", "json", path])
        #expect(run.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let malformed = findings.filter { $0["code"] as? String == "MALFORMED_INPUT" }.compactMap { $0["line"] as? Int }
        #expect(malformed == [3, 4])
        #expect(!findings.contains { $0["line"] as? Int == 2 }, "the clean line stays clean")
    }

    @Test func neverClosedQuoteIsReportedWhereItOpened() throws {
        let path = try TestPaths.temporaryDirectory() + "/quote.csv"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.write(
            Data(
                "STRUCTURE,STRUCTURE_ID,ACTION,FREQ\ndataflow,IDAC:DF_CHILD_MIGRATION(1.0),I,\"A\ndataflow,X,I,A\n".utf8
            ))
        let rows = Data(
            String(
                repeating: "dataflow,IDAC:DF_CHILD_MIGRATION(1.0),I,A,KEN,MG_RETURNED,_T,_T,Y0T17,_T,2024,1,PS,0,A\n",
                count: 10_000
            ).utf8)
        for _ in 0..<32 { handle.write(rows) }
        try handle.close()
        let run = try idac(["validate", path])
        #expect(run.status == 1)
        #expect(run.output.contains("quote opened on line 2 is never closed"))
        expectBounded(run, "unclosed quote")
    }

    /// A record of millions of fields cost half a gigabyte (an offset per field, then text and work
    /// per column): past `--max-columns` it is a MALFORMED_INPUT finding on its line, in SDMX-CSV
    /// and in country CSV alike.
    @Test func recordsOfMillionsOfFieldsAreRefused() throws {
        let header =
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
        let row = "dataflow,IDAC:DF_CHILD_MIGRATION(1.0),I,A,TJK,MG_RETURNED,RUS,_T,Y0T17,_T,2023,1200,PS,0,A\n"
        let wide = String(repeating: "x,", count: 2_000_000) + "x\n"
        let sdmx = try write(header + row + wide + row, name: "wide.csv")
        let run = try idac(["validate", "--format", "json", sdmx])
        #expect(run.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let malformed = findings.filter { $0["code"] as? String == "MALFORMED_INPUT" }
        #expect(malformed.compactMap { $0["line"] as? Int } == [3])
        #expect(malformed.contains { ($0["message"] as? String)?.contains("more than 10000 fields") == true })
        expectBounded(run, "2 million fields")

        let wideHeader = try write(header.dropLast() + "," + wide + row, name: "wide-header.csv")
        let headerRun = try idac(["validate", wideHeader])
        #expect(headerRun.status == 1)
        #expect(headerRun.output.contains("MALFORMED_INPUT") && headerRun.output.contains("more than 10000 fields"))
        expectBounded(headerRun, "2 million header fields")

        let country = try String(
            contentsOfFile: TestPaths.project("SampleData/country-csv/senegal-2024-refugees.csv"),
            encoding: .isoLatin1)
        let countryPath = try TestPaths.temporaryDirectory() + "/wide-country.csv"
        try (country + String(repeating: ";", count: 2_000_000) + "\n").write(
            toFile: countryPath, atomically: false,
            encoding: .isoLatin1)
        let countryRun = try idac([
            "validate", "--profile", TestPaths.project("SampleData/country-csv/senegal-profile.json"),
            countryPath,
        ])
        #expect(countryRun.status == 1)
        #expect(
            countryRun.output.contains("MALFORMED_INPUT") && countryRun.output.contains("more than 10000 fields"),
            "\(countryRun.output.prefix(400))")
        expectBounded(countryRun, "2 million country fields")

        let narrow = try write(header + row, name: "narrow.csv")
        #expect(try idac(["validate", narrow]).status == 0)
        let lowered = try idac(["validate", "--max-columns", "14", narrow])
        #expect(lowered.status == 1 && lowered.output.contains("more than 14 fields"))
        #expect(try idac(["validate", "--max-columns", "15", narrow]).status == 0)
    }

    @Test func randomBytesEmptyFilesAndHeaderOnlyFiles() throws {
        var generator = SystemRandomNumberGenerator()
        let random = try TestPaths.temporaryDirectory() + "/random.bin"
        try Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(
            to: URL(fileURLWithPath: random))
        let randomRun = try idac(["validate", random])
        #expect(randomRun.status == 1)
        #expect(randomRun.output.contains("UNSUPPORTED_FORMAT") || randomRun.output.contains("MALFORMED_INPUT"))
        let empty = try write("", name: "empty.csv")
        let emptyRun = try idac(["validate", empty])
        #expect(emptyRun.status == 1)
        #expect(emptyRun.output.contains("an empty file"))
        let headerOnly = try write("STRUCTURE,STRUCTURE_ID,ACTION,FREQ\n", name: "header.csv")
        let headerRun = try idac(["validate", headerOnly])
        #expect(headerRun.status == 0)
        #expect(headerRun.output.contains("no data lines"))
    }

    /// A ruleset nested or chained past the parser's bounds (which overflowed the stack) stops the
    /// run with a parse error naming the scheme, the ruleset, the line and the column.
    @Test func hostileRulesetsAreParseErrors() throws {
        let rules = try String(contentsOfFile: TestPaths.project("Schemas/IDAC_RULES.xml"), encoding: .utf8)
        let honest = "NON_NEGATIVE: OBS_VALUE &gt;= 0"
        #expect(rules.contains(honest))
        let n = 100_000
        let shapes = [
            String(repeating: "(", count: 10_000) + "OBS_VALUE" + String(repeating: ")", count: 10_000) + " &gt;= 0",
            String(repeating: "(", count: n),
            String(repeating: "abs(", count: n) + "OBS_VALUE" + String(repeating: ")", count: n) + " &gt;= 0",
            Array(repeating: "OBS_VALUE", count: n).joined(separator: " + ") + " &gt;= 0",
            Array(repeating: "OBS_STATUS", count: n).joined(separator: " || ") + " = \"A\"",
        ]
        for shape in shapes {
            let directory = try TestPaths.temporaryDirectory()
            for file in try FileManager.default.contentsOfDirectory(atPath: TestPaths.project("Schemas"))
            where file.hasSuffix(".xml") && file != "IDAC_RULES.xml" {
                try FileManager.default.copyItem(
                    atPath: TestPaths.project("Schemas/" + file), toPath: directory + "/" + file)
            }
            try rules.replacingOccurrences(of: honest, with: "NON_NEGATIVE: " + shape)
                .write(toFile: directory + "/IDAC_RULES.xml", atomically: false, encoding: .utf8)
            let run = try idac(["validate", "--structure", directory, "SampleData/kenya-2024-quarterly.xml"])
            let label = String(shape.prefix(12))
            #expect(run.status == 2, "\(label): \(run.output.prefix(300))")
            #expect(
                run.output.contains("RS_IDAC") && run.output.contains("ruleset DPR_OBS_VALUE, line 2 column"),
                "\(label): \(run.output.prefix(300))")
            expectBounded(run, label)
        }
    }

    /// A code list of 200 000 codes was held as a tree of nodes while read (about 900 bytes a
    /// code) and scanned whole for each invalid value's suggestions: now read code by code and
    /// searched through an index, each distinct value once (debug build: 191 MB and 57 s before,
    /// 65 MB and 2.4 s after).
    /// The Alliance's structures in a temporary directory, with `count` more codes of areas.
    func structuresWithAreas(_ count: Int) throws -> String {
        let directory = try TestPaths.temporaryDirectory()
        for file in try FileManager.default.contentsOfDirectory(atPath: TestPaths.project("Schemas"))
        where file.hasSuffix(".xml") && file != "IDAC_CODELISTS.xml" {
            try FileManager.default.copyItem(
                atPath: TestPaths.project("Schemas/" + file), toPath: directory + "/" + file)
        }
        let codelists = try String(contentsOfFile: TestPaths.project("Schemas/IDAC_CODELISTS.xml"), encoding: .utf8)
        let anchor = try #require(codelists.range(of: "<str:Code id=\"ABW\">"))
        var generator = SystemRandomNumberGenerator()
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var codes = ""
        for _ in 0..<count {
            let id =
                "Z"
                + String(
                    (0..<Int.random(in: 3...6, using: &generator)).map { _ in
                        letters.randomElement(using: &generator) ?? "A"
                    })
            codes += "<str:Code id=\"\(id)\"><com:Name xml:lang=\"en\">Area \(id)</com:Name></str:Code>\n"
        }
        try (codelists[..<anchor.lowerBound] + codes + codelists[anchor.lowerBound...])
            .write(toFile: directory + "/IDAC_CODELISTS.xml", atomically: false, encoding: .utf8)
        return directory
    }

    @Test func hugeCodeListsLoadInBoundedMemoryAndSuggestQuickly() throws {
        let directory = try structuresWithAreas(200_000)
        let rows = try String(contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8)
            .split(separator: "\n")
        var data = String(rows[0]) + "\n"
        for number in 0..<50 {
            data +=
                rows[1].replacingOccurrences(of: ",KEN,", with: ",KE\(number)q,")
                .replacingOccurrences(of: "2024-Q1", with: "\(1900 + number)-Q1") + "\n"
        }
        let path = try write(data, name: "areas.csv")
        let start = Date()
        let run = try idac(["validate", "--structure", directory, path])
        let seconds = Date().timeIntervalSince(start)
        #expect(run.status == 1)
        #expect(run.output.contains("INVALID_CODE: 50"), "\(run.output.suffix(300))")
        if let peak = run.peakKilobytes { #expect(peak < 120 * 1024, "peak memory \(peak) KB") }
        #expect(seconds < 20, "\(seconds) s")
    }

    /// Findings past --max-findings are counted, not written: 20 000 distinct invalid codes built a
    /// message and looked through 20 000 codes for suggestions each, though only ten were listed
    /// (debug build: still running after ten minutes before, 1.6 s after).
    @Test func findingsPastTheCapOnlyCount() throws {
        let structures = try structuresWithAreas(20_000)
        let rows = try String(contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8)
            .split(separator: "\n")
        var data = String(rows[0]) + "\n"
        for number in 0..<20_000 {
            data +=
                rows[1].replacingOccurrences(of: ",SOM,", with: ",S\(number)M,")
                + "\n"
        }
        let path = try write(data, name: "origins.csv")
        let start = Date()
        let run = try idac(["validate", "--structure", structures, "--max-findings", "10", path])
        let seconds = Date().timeIntervalSince(start)
        #expect(run.status == 1)
        #expect(run.output.contains("INVALID_CODE: 20000"), "\(run.output.suffix(300))")
        #expect(run.output.contains("(10 of 20000 findings listed"), "\(run.output.suffix(300))")
        #expect(seconds < 20, "\(seconds) s")
        expectBounded(run, "20 000 invalid codes")
    }

    /// Suggestions offer only codes the dataflow's constraints may allow: Y_GE18 is a code of
    /// ages, but DF_CHILD_MIGRATION excludes it, so it is no answer to Y_LT18.
    @Test func suggestionsLeaveOutCodesTheConstraintsExclude() throws {
        let rows = try String(contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8)
            .split(separator: "\n")
        let path = try write(
            String(rows[0]) + "\n" + rows[1].replacingOccurrences(of: ",Y0T17,", with: ",Y_LT18,") + "\n",
            name: "ages.csv")
        let run = try idac(["validate", path])
        #expect(run.status == 1)
        #expect(run.output.contains("AGE value 'Y_LT18' is not in code list"), "\(run.output.prefix(400))")
        #expect(!run.output.contains("Y_GE18"), "\(run.output.prefix(400))")
    }

    @Test func hostileStructureFilesStopTheRunSayingWhy() throws {
        let secret = try secretFile()
        let entity = try write(
            """
            <?xml version="1.0"?>
            <!DOCTYPE mes:Structure [ <!ENTITY leak SYSTEM "file://\(secret)"> ]>
            <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">&leak;</mes:Structure>
            """, name: "hostile-structure.xml")
        let entityRun = try idac(["validate", "--structure", entity, "SampleData/kenya-2024-quarterly.xml"])
        #expect(entityRun.status == 2)
        #expect(entityRun.output.contains("hostile-structure.xml") && entityRun.output.contains("DOCTYPE"))
        expectBounded(entityRun, "hostile structure")

        let codelists = try String(contentsOfFile: TestPaths.project("Schemas/IDAC_CODELISTS.xml"), encoding: .utf8)
        let cycle = codelists.replacingOccurrences(
            of: "<str:Code id=\"Y0T17\">\n          <com:Name xml:lang=\"en\">Under 18 years old</com:Name>\n",
            with:
                "<str:Code id=\"Y0T17\">\n          <com:Name xml:lang=\"en\">Under 18 years old</com:Name>\n          <str:Parent>\n            <Ref id=\"Y0T4\"/>\n          </str:Parent>\n"
        )
        #expect(cycle != codelists)
        let cyclePath = try write(cycle, name: "cycle.xml")
        let cycleRun = try idac(["validate", "--structure", cyclePath, "SampleData/kenya-2024-quarterly.xml"])
        #expect(cycleRun.status == 2)
        #expect(cycleRun.output.contains("form a cycle"))

        let conflicting = try write(
            codelists.replacingOccurrences(of: ">Kenya<", with: ">Kenia<"), name: "conflicting.xml")
        let conflictRun = try idac([
            "validate", "--structure", TestPaths.project("Schemas"), "--structure", conflicting,
            "SampleData/kenya-2024-quarterly.xml",
        ])
        #expect(conflictRun.status == 2)
        #expect(conflictRun.output.contains("is defined differently"))
    }

    /// Numbers beyond a Double's range are INVALID_VALUE, never infinity; a UNIT_MULT of absurd size is
    /// left for the validator (it overflowed, or wrote a billion zeros), not applied.
    @Test func absurdNumbersAreReportedNotComputed() throws {
        let sample = try String(
            contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8)
        let huge = sample.replacingOccurrences(
            of: ",2024-Q1,412,", with: ",2024-Q1,1\(String(repeating: "0", count: 400)),")
        let run = try idac(["validate", try write(huge, name: "huge.csv")])
        #expect(run.status == 1)
        #expect(run.output.contains("INVALID_VALUE: OBS_VALUE value '1000"), "\(run.output)")
        #expect(run.output.contains("too large a number"), "\(run.output)")
        #expect(!run.output.contains("inf"), "\(run.output)")
        for power in ["-9223372036854775808", "900000000", "99"] {
            var lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[1] = lines[1].replacingOccurrences(of: ",PS,0,A,", with: ",PS,\(power),A,")
            let path = try write(lines.joined(separator: "\n"), name: "mult.csv")
            let start = Date()
            let harmonised = try idac(["validate", "--harmonise", path])
            #expect(harmonised.status == 1, "\(power): \(harmonised.output)")
            #expect(harmonised.output.contains("INVALID_CODE: UNIT_MULT value '\(power)'"), "\(harmonised.output)")
            #expect(Date().timeIntervalSince(start) < 20)
            expectBounded(harmonised, "UNIT_MULT \(power)")
        }
    }

    /// A profile is a few KB: a 32 MB one made idac use 584 MB decoding it. Over 1 MB it is exit 2, unread.
    @Test func aHugeProfileIsRefused() throws {
        let labels = (0..<120_000).map { "\"label \($0)\": \"C\($0)\"" }.joined(separator: ", ")
        let profile = """
            {"dataflow": "IDAC:DF_CHILD_MIGRATION(1.0)", "columns": {"Year": "TIME_PERIOD"},
             "codes": {"COUNTRY_ORIGIN": {\(labels)}}}
            """
        #expect(profile.utf8.count > 2 << 20)
        let path = try write(profile, name: "huge-profile.json")
        let data = try write("Year\n2024\n", name: "data.csv")
        let run = try idac(["validate", "--profile", path, data])
        #expect(run.status == 2, "\(run.output)")
        #expect(run.output.contains("more than the 1 MB a profile may have"), "\(run.output)")
        if let peak = run.peakKilobytes { #expect(peak < 100 * 1024, "peak memory \(peak) KB") }
    }
}
