import Foundation
import TestSupport
import Testing

/// Every report format idac prints, for the samples, kept as files and compared byte for byte
/// (`Golden` says how to re-record them).
@Suite struct GoldenReportTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var golden: String
        var arguments: [String]
        var testDescription: String { golden }
    }

    static let samples: [(name: String, path: String, extra: [String])] = [
        ("kenya-xml", "SampleData/kenya-2024-quarterly.xml", []),
        ("kenya-csv", "SampleData/kenya-2024-quarterly.csv", []),
        ("uganda-xml", "SampleData/invalid/uganda-2024-Q3-errors.xml", []),
        ("uganda-csv", "SampleData/invalid/uganda-2024-Q3-errors.csv", []),
        ("unknown-dataflow", "SampleData/invalid/unknown-dataflow.xml", []),
        (
            "senegal", "SampleData/country-csv/senegal-2024-refugees.csv",
            ["--profile", "SampleData/country-csv/senegal-profile.json"]
        ),
        (
            "senegal-unmapped", "SampleData/invalid/senegal-2024-unmapped-labels.csv",
            ["--profile", "SampleData/country-csv/senegal-profile.json"]
        ),
        ("tanzania-rules", "SampleData/invalid/tanzania-2024-rules.csv", []),
        ("kenya-national-codes", "SampleData/invalid/kenya-2024-national-codes.csv", []),
        ("kenya-national-codes-harmonised", "SampleData/invalid/kenya-2024-national-codes.csv", ["--harmonise"]),
        ("truncated", "SampleData/invalid/truncated.xml", []),
        ("sdmx-json-instead", "SampleData/invalid/sdmx-json-instead.json", []),
    ]

    static let cases: [Case] = {
        var cases: [Case] = []
        for sample in samples {
            for format in ["text", "json", "html"] {
                cases.append(
                    Case(
                        golden: "validate/\(sample.name).\(format == "text" ? "txt" : format)",
                        arguments: ["validate", "--format", format] + sample.extra + [sample.path]))
            }
        }
        for format in ["text", "json"] {
            let ext = format == "text" ? "txt" : "json"
            cases.append(
                Case(
                    golden: "inspect/samples.\(ext)",
                    arguments: [
                        "inspect", "--format", format,
                        "SampleData/kenya-2024-quarterly.xml", "SampleData/kenya-2024-quarterly.csv",
                        "SampleData/invalid/sdmx-json-instead.json",
                    ]))
            cases.append(
                Case(
                    golden: "inspect/schemas.\(ext)",
                    arguments: [
                        "inspect", "--format", format,
                        "Schemas/IDAC_CODELISTS.xml", "Schemas/DF_CHILD_MIGRATION.xml",
                        "Schemas/DF_CHILDREN_LEFT_BEHIND.xml", "Schemas/IDAC_RULES.xml",
                    ]))
        }
        return cases
    }()

    @Test(arguments: cases)
    func reportIsTheGoldenFile(_ golden: Case) throws {
        let run = try CommandLineTests().idac(arguments: golden.arguments)
        #expect(run.status != 2 || golden.arguments.contains("sdmx-json-instead.json"), "\(run.errors)")
        let expected = try Golden.expected(golden.golden, actual: run.output)
        #expect(expected != nil, "no golden file \(golden.golden): record it (see Golden)")
        #expect(
            run.output == expected,
            "\(golden.golden) differs from what idac prints now; if intended, re-record (see Golden)")
    }
}
