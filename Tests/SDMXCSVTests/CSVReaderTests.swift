import Foundation
import SDMXCSV
import SDMXModel
import TestSupport
import Testing

@Suite struct CSVRecordReaderTests {
    func records(_ text: String, separator: Character = ",") throws -> [(fields: [String], line: Int)] {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/input.csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        var result: [([String], Int)] = []
        try CSVRecordReader(separator: separator.asciiValue ?? 44).read(path: path, chunkSize: 7) {
            result.append(($0.fields, $0.line))
        }
        return result
    }

    @Test func splitsQuotedFieldsAcrossChunksAndLines() throws {
        let result = try records("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3")
        #expect(result.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "", "3"]])
        #expect(result.map(\.line) == [1, 2, 5])
    }

    /// Exactly `maxColumns` fields pass and one more is refused on the record's line, whether the
    /// fields come in a plain stretch or one by one (quotes), whatever the chunk size.
    @Test func recordsPastTheColumnCapAreRefusedOnTheirLine() throws {
        let path = try TestPaths.temporaryDirectory() + "/columns.csv"
        for (text, refused) in [
            ("a,b,c\n1,2,3\n", false), ("a,b,c\n1,2,3,\n", true), ("a,b,c\n\"1\",\"2\",\"3\",\"4\"\n", true),
            ("a,b,c\n1,2,\"3\"\n1,2,3,4", true),
        ] {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            for size in [1, 3, 7, 1 << 16] {
                var lines: [Int] = []
                do {
                    try CSVRecordReader(maxColumns: 3).read(path: path, chunkSize: size) { lines.append($0.line) }
                    #expect(!refused, "\(text) in chunks of \(size)")
                } catch let error as SDMXError {
                    #expect(refused && error.code == .malformedInput && error.message.contains("more than 3 fields"))
                    #expect(error.location?.line == lines.count + 1, "\(text) in chunks of \(size)")
                }
            }
        }
    }

    /// Fields are taken from the chunk in place when they can be and copied when they cross a chunk
    /// boundary or hold quotes: every chunk size gives the same records, text problems included.
    @Test func everyChunkSizeGivesTheSameRecords() throws {
        let text =
            "id,name,note\r\n1,Zoë,\"a, \"\"quoted\"\" \"\"x\"\"\"\n2,mid\"quote,\"multi\nline\"\n3,,last"
            + "\n4,\u{00}nul,\"é\"\n5,plain-and-long-enough-to-cross-chunks,x\n6,plain-and-long-enough-to-cross-chunks,y\n"
            + "7,plain-and-long-enough-to-cross-chunkz,z\n"
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/chunks.csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        var expected: [[String]] = [], expectedProblems: [String?] = []
        try CSVRecordReader().read(path: path, chunkSize: 1 << 16) {
            expected.append($0.fields)
            expectedProblems.append($0.textProblem)
        }
        #expect(
            expected == [
                ["id", "name", "note"], ["1", "Zoë", "a, \"quoted\" \"x\""], ["2", "mid\"quote", "multi\nline"],
                ["3", "", "last"], ["4", "\u{00}nul", "é"], ["5", "plain-and-long-enough-to-cross-chunks", "x"],
                ["6", "plain-and-long-enough-to-cross-chunks", "y"],
                ["7", "plain-and-long-enough-to-cross-chunkz", "z"],
            ])
        #expect(expectedProblems.compactMap { $0 } == ["field 2 holds a NUL byte"])
        for size in 1...24 {
            var fields: [[String]] = [], problems: [String?] = []
            try CSVRecordReader().read(path: path, chunkSize: size) {
                fields.append($0.fields)
                problems.append($0.textProblem)
            }
            #expect(fields == expected, "chunks of \(size) bytes")
            #expect(problems == expectedProblems, "chunks of \(size) bytes")
        }
    }

    /// The splitter's plain-stretch loop and its byte-by-byte state machine meet at quotes, line
    /// breaks and chunk ends: on random bytes rich in those, every chunk size gives the records a
    /// plain reference splitter gives (fields, and a text problem exactly where a field has one).
    /// Every third round separates by tabs, a control byte the word loop must not stop at, and
    /// every third by semicolons, with commas left as plain bytes.
    @Test func randomInputSplitsAsTheReferenceDoes() throws {
        // Rich in quotes and line breaks, and (every other round, longer) poor in them, so that
        // plain stretches of eight bytes and more, which are split a word at a time, are common too.
        let rich: [UInt8] = Array("ab,,,\"\"\n\r x".utf8) + [0xC3, 0xA9, 0x00]
        let plain: [UInt8] =
            Array("abcdefgh,,,,12345".utf8) + [0xC3, 0xA9, 0x00, UInt8(ascii: "\n"), UInt8(ascii: "\"")]
        var generator = SystemRandomNumberGenerator()
        let directory = try TestPaths.temporaryDirectory()
        // First a character cut in two by a separator: the record's bytes are UTF-8, its fields are not.
        let fixed: [[UInt8]] = [
            [0xC3, UInt8(ascii: ","), 0xA9, UInt8(ascii: "\n")], Array("a,\"b\"\"c\"\"\"\r\n\r\n".utf8),
        ]
        for round in 0..<600 {
            let alphabet = round % 2 == 0 ? rich : plain
            let separator =
                round < fixed.count
                ? UInt8(ascii: ",") : [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";")][round % 3]
            let bytes =
                round < fixed.count
                ? fixed[round]
                : (0..<Int.random(in: 0...(round % 2 == 0 ? 60 : 200), using: &generator)).map { _ in
                    let byte = alphabet.randomElement(using: &generator)!
                    // Half the commas become the separator when it is another byte.
                    return byte == UInt8(ascii: ",") && Bool.random(using: &generator) ? separator : byte
                }
            let path = directory + "/random-\(round).csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let expected = Self.referenceRecords(bytes, separator: separator)
            for size in [1, 2, 3, 5, 8, 64, 1 << 16] {
                var records: [[[UInt8]]] = [], problems: [String?] = []
                var failed = false
                do {
                    try CSVRecordReader(separator: separator).read(path: path, chunkSize: size) { record in
                        records.append((0..<record.count).map { index in record.withBytes(at: index) { Array($0) } })
                        problems.append(record.textProblem)
                    }
                } catch {
                    failed = true
                }
                #expect(failed == (expected == nil), "input \(bytes), chunks of \(size)")
                guard let expected, !failed else { continue }
                #expect(records == expected, "input \(bytes), chunks of \(size)")
                let expectedProblems = expected.map { fields in
                    fields.firstIndex { String(validating: $0, as: UTF8.self) == nil || $0.contains(0) }.map { $0 + 1 }
                }
                #expect(
                    problems.map { $0.flatMap { Int($0.split(separator: " ")[1]) } } == expectedProblems,
                    "input \(bytes), chunks of \(size)")
            }
        }
    }

    /// CSV as the reader splits it, written plainly: a quote opens quoting at a field's start, `""`
    /// inside quotes is a quote, CR, LF and CRLF end a record, a blank line is none; nil for an
    /// unclosed quote.
    static func referenceRecords(_ bytes: [UInt8], separator comma: UInt8 = UInt8(ascii: ",")) -> [[[UInt8]]]? {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        var records: [[[UInt8]]] = [], fields: [[UInt8]] = [], field: [UInt8] = []
        var inQuotes = false, justClosed = false, started = false
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(fields) }
            fields = []
            field = []
            started = false
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    inQuotes = false
                    justClosed = true
                } else {
                    field.append(byte)
                }
                continue
            }
            if byte == quote {
                if justClosed {
                    field.append(quote)
                    inQuotes = true
                    justClosed = false
                } else if !started {
                    inQuotes = true
                    started = true
                } else {
                    field.append(byte)
                }
                continue
            }
            justClosed = false
            if byte == comma {
                fields.append(field)
                field = []
                started = false
            } else if byte == newline || byte == carriage {
                endRecord()
                if byte == carriage, index < bytes.count, bytes[index] == newline { index += 1 }
            } else {
                field.append(byte)
                started = true
            }
        }
        if inQuotes { return nil }
        if started || !fields.isEmpty || !field.isEmpty { endRecord() }
        return records
    }

    @Test func honoursSemicolonsAndBOM() throws {
        let result = try records("\u{FEFF}STRUCTURE;X\n1;2,5\n", separator: ";")
        #expect(result.map(\.fields) == [["STRUCTURE", "X"], ["1", "2,5"]])
    }

    @Test func unclosedQuoteIsReportedWhereItOpened() throws {
        do {
            _ = try records("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")
            Issue.record("an unclosed quote must be an error")
        } catch let error as SDMXError {
            #expect(error.code == .malformedInput)
            #expect(error.location?.line == 3)
        }
    }
}

@Suite struct SDMXCSVDataReaderTests {
    final class Collector: DataHandler {
        var observations: [[ComponentValue]] = []
        var lines: [Int] = []
        var structures: [ArtefactReference?] = []
        var actions: [String?] = []
        func header(_ header: DataMessageHeader) throws {}
        func startDataSet(_ dataSet: DataSetStart) throws {
            structures.append(dataSet.structure)
            actions.append(dataSet.action)
        }
        func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {}
        func startSeries(values: [ComponentValue], at position: DataPosition) throws {}
        func observation(values: [ComponentValue], at position: DataPosition) throws {
            observations.append(values)
            lines.append(position.line)
        }
        func endSeries() throws {}
        func endDataSet() throws {}
    }

    /// `NaN` and `#N/A` become empty values wherever they stand, also after records that repeat
    /// the same values (which the reader does not look at again) and in the measure and period.
    @Test func missingMarkersAreEmptiedAfterRepeatedRecords() throws {
        let rows = [
            "Q,KEN,A,2024-Q1,5", "Q,KEN,A,2024-Q2,6", "Q,KEN,NaN,2024-Q3,7", "Q,KEN,A,2024-Q3,NaN",
            "Q,KEN,A,2024-Q4,#N/A", "Q,#N/A,A,2025-Q1,1", "Q,#N/A,A,2025-Q2,2", "NaN,KEN,A,2025-Q3,3",
        ]
        let text =
            "STRUCTURE,STRUCTURE_ID,FREQ,REF_AREA,OBS_STATUS,TIME_PERIOD,OBS_VALUE\n"
            + rows.map { "dataflow,IDAC:DF_CHILD_MIGRATION(1.0),\($0)" }.joined(separator: "\n") + "\n"
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/markers.csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let collector = Collector()
        try SDMXCSVDataReader().read(path: path, into: collector)
        let expected = rows.map { row in
            row.split(separator: ",", omittingEmptySubsequences: false).map {
                $0 == "NaN" || $0 == "#N/A" ? "" : String($0)
            }
        }
        #expect(collector.observations.map { $0.map(\.value) } == expected)
    }

    /// A header naming one component twice, whatever its brackets or label, is refused; a sub-part of a
    /// complex attribute (`CONTACT[].NAME[]`, SDMX-CSV 2.0's example 14) is a column of its own.
    @Test(arguments: [
        ("FREQ,REF_AREA,TIME_PERIOD,REF_AREA", "REF_AREA"), ("FREQ,REF_AREA[],REF_AREA", "REF_AREA"),
        ("ACTION,FREQ,ACTION", "ACTION"), ("FREQ: Frequency,FREQ: Fréquence", "FREQ"),
        ("NAME[en;fr],NAME[en]", "NAME"), ("CONTACT[],CONTACT[].NAME[]", nil),
        ("FREQ,,OBS_VALUE,,", nil),
    ])
    func aComponentNamedTwiceInTheHeaderIsRefused(_ columns: String, _ repeated: String?) throws {
        let path = try TestPaths.temporaryDirectory() + "/twice.csv"
        try "STRUCTURE,STRUCTURE_ID,\(columns)\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            try SDMXCSVDataReader().read(path: path, into: Collector())
            #expect(repeated == nil, "\(columns) was read")
        } catch let error as SDMXError {
            #expect(error.code == .duplicateComponent, "\(error)")
            #expect(error.message.contains("names \(repeated ?? "-") twice"), "\(error)")
        }
    }

    @Test func readsColumnsInAnyOrderWithFieldNumbers() throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/data.csv"
        try """
        OBS_VALUE,STRUCTURE_ID,TIME_PERIOD,STRUCTURE,ACTION,REF_AREA
        5,IDAC:DF_CHILD_MIGRATION(1.0),2024,dataflow,I,KEN
        6,IDAC:DF_CHILD_MIGRATION(1.0),2025,dataflow,D,KEN

        """.write(toFile: path, atomically: false, encoding: .utf8)
        let collector = Collector()
        try SDMXCSVDataReader().read(path: path, into: collector)
        #expect(collector.observations.count == 2)
        #expect(collector.lines == [2, 3])
        #expect(collector.observations[0].contains(ComponentValue(id: "REF_AREA", value: "KEN", column: 6)))
        #expect(collector.observations[0].contains(ComponentValue(id: "OBS_VALUE", value: "5", column: 1)))
        #expect(collector.structures.first??.description == "IDAC:DF_CHILD_MIGRATION(1.0)")
        #expect(collector.actions == ["I", "D"], "a new action starts a new dataset")
    }

    @Test(.requires(.corpus), arguments: ["example-01.csv", "example-02.csv", "example-03.csv", "example-04.csv"])
    func readsCorpusExamples(_ name: String) throws {
        let path = TestPaths.corpus("sdmx-test-data/v3/csv/" + name)
        let collector = Collector()
        try SDMXCSVDataReader().read(path: path, into: collector)
        // Independent count: the file's non-empty lines after the header (none of these examples quote line breaks).
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let records = text.split(whereSeparator: \.isNewline).filter { !$0.isEmpty }.count - 1
        #expect(collector.observations.count == records)
        #expect(collector.structures.allSatisfy { $0 != nil })
    }
}
