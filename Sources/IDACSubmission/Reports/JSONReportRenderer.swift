import SDMXModel
import SDMXValidation

/// The JSON report: one object per file (an array of them for several files). Its fields are an
/// interface that scripts read; the README documents them.
public enum JSONReportRenderer {
    /// The JSON of the reports: an object for one file, an array for several.
    public static func render(_ reports: [ValidationReport]) -> String {
        let value: JSONWriter.Value = reports.count == 1 ? object(reports[0]) : .array(reports.map(object))
        return JSONWriter.encode(value) + "\n"
    }

    static func object(_ report: ValidationReport) -> JSONWriter.Value {
        .object([
            ("file", .string(report.file)),
            ("format", .string(report.format)),
            ("structure", .string(report.structure)),
            ("valid", .bool(report.isValid)),
            (
                "summary",
                .object([
                    ("datasets", .int(report.dataSets)),
                    ("series", .int(report.series)),
                    ("observations", .int(report.observations)),
                    ("errors", .int(report.errors)),
                    ("warnings", .int(report.warnings)),
                    (
                        "byCode",
                        .object(
                            report.byCode.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                                ($0.key.rawValue, .int($0.value))
                            })
                    ),
                    ("truncated", .bool(report.truncated)),
                ])
            ),
            (
                "findings",
                .array(
                    report.findings.map { finding in
                        // A workbook's findings also name their cell, `book.xlsx!Data!C12`.
                        let cell: [(String, JSONWriter.Value)] =
                            report.sheet != nil && finding.line > 0
                            ? [("cell", .string(report.place(of: finding)))] : []
                        return .object(
                            cell + [
                                ("code", .string(finding.code.rawValue)),
                                ("severity", .string(finding.severity.rawValue)),
                                ("message", .string(finding.message)),
                                ("line", .int(finding.line)),
                                ("column", .int(finding.column)),
                                ("component", .string(finding.component)),
                                ("value", .string(finding.value)),
                                ("key", .string(finding.key)),
                                ("timePeriod", .string(finding.timePeriod)),
                            ])
                    })
            ),
        ])
    }
}
