import Foundation
import TestSupport
import Testing

/// File names come from whoever writes to an inbox: printed, they must not act on the terminal or
/// forge a line of output.
@Suite struct TerminalNameTests {
    let cli = CommandLineTests()

    @Test func hostileFileNamesAreEscapedInReportsAndMessages() throws {
        let directory = try TestPaths.temporaryDirectory()
        let name = "kenya\u{1B}]0;pwned\u{07}\nforged: valid\u{202E}lmx.xml"
        let path = directory + "/" + name
        try FileManager.default.copyItem(
            atPath: TestPaths.project("SampleData/invalid/uganda-2024-Q3-errors.xml"), toPath: path)
        let run = try cli.idac("validate", path)
        #expect(run.status == 1)
        for raw in ["\u{1B}", "\u{07}", "\u{202E}", "\nforged"] {
            #expect(!run.output.contains(raw), "raw \(raw.debugDescription) in the report")
        }
        #expect(run.output.contains("kenya\\u001B]0;pwned\\u0007\\u000Aforged: valid\\u202Elmx.xml: INVALID"))
        let missing = try cli.idac("validate", directory + "/absent\u{9B}2J.xml")
        #expect(missing.status == 2)
        #expect(
            !missing.errors.contains("\u{9B}") && missing.errors.contains("absent\\u009B2J.xml"), "\(missing.errors)")
    }

    @Test func ingestNamesAreEscaped() throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/a\u{1B}[2Jb.xml"
        try FileManager.default.copyItem(atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), toPath: path)
        let run = try cli.idac("ingest", "--repository", directory + "/r.sqlite", path)
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.output.contains("\u{1B}"))
        #expect(run.output.contains("a\\u001B[2Jb.xml: stored as transmission"))
    }

    @Test func argumentsQuotedInErrorsAreEscaped() throws {
        let run = try cli.idac(
            "export", "--dataflow", "IDAC:DF_CHILD_MIGRATION(1.0)", "--as-of", "x\u{1B}]0;PWNED\u{07}\nidac: fake")
        #expect(run.status == 2)
        #expect(!run.errors.contains("\u{1B}") && !run.errors.contains("\nidac: fake"))
        #expect(run.errors.contains("x\\u001B]0;PWNED\\u0007\\u000Aidac: fake"), "\(run.errors)")
    }

    /// swift-argument-parser's own lines keep their line breaks; an argument that imitates them gains nothing.
    @Test func argumentParserLinesKeepTheirBreaksAndForgedOnesAreEscaped() throws {
        let wrong = try cli.idac("export", "--dataflow", "IDAC:DF_CHILD_MIGRATION(1.0)", "--to", "bogus")
        #expect(wrong.status == 2)
        #expect(wrong.errors.contains("'sdmx-json'.\nHelp:  --to <to>"), "\(wrong.errors)")
        #expect(wrong.errors.contains("\nUsage: idac export"), "\(wrong.errors)")
        #expect(!wrong.errors.contains("\\u000A"), "\(wrong.errors)")
        let forged = try cli.idac(
            "export", "--dataflow", "IDAC:DF_CHILD_MIGRATION(1.0)", "--to", "x\nUsage: \u{1B}]0;PWNED\u{07}")
        #expect(forged.status == 2)
        #expect(!forged.errors.contains("\u{1B}") && !forged.errors.contains("\u{07}"), "\(forged.errors)")
        #expect(forged.errors.contains("Usage: \\u001B]0;PWNED\\u0007"), "\(forged.errors)")
    }

    @Test func utf7IsRefusedBeforeLibxml2ReadsIt() throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/utf7.xml"
        // In UTF-7, "<" and "=" of 50 000 attributes hide in base64: the attribute guard cannot count them.
        let attributes = (0..<50_000).map { " a\($0)+ADw-=+ACI-1+ACI-" }.joined()
        try
            ("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<message:StructureSpecificData "
            + "xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\"" + attributes + "/>")
            .write(toFile: path, atomically: false, encoding: .utf8)
        let run = try cli.idac("validate", path)
        #expect(run.status == 1)
        #expect(run.output.contains("MALFORMED_INPUT: the document declares the encoding UTF-7"), "\(run.output)")
    }
}
