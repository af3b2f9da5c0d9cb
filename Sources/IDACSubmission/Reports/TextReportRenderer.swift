import SDMXValidation

/// The text report: one line per finding, `FILE:LINE:COLUMN: error|warning: CODE: message`, the
/// form compilers use (editors jump to it), then a summary with counts per code.
public enum TextReportRenderer {
    /// The reports of several files, one after the other, a blank line between them.
    public static func render(_ reports: [ValidationReport]) -> String {
        reports.map(render).joined(separator: "\n")
    }

    /// One file's report: its findings, one line each, then its summary.
    public static func render(_ report: ValidationReport) -> String {
        var out = ""
        for finding in report.findings {
            // A workbook's findings name the cell and its row; other files' read FILE:LINE:COLUMN.
            let place =
                report.sheet != nil && finding.line > 0
                ? "\(report.place(of: finding).printable): row \(finding.line)"
                : "\(report.file.printable):\(finding.line):\(finding.column)"
            out +=
                "\(place): \(finding.severity.rawValue): \(finding.code.rawValue): \(finding.message.printable)\n"
        }
        let verdict = report.isValid ? (report.warnings > 0 ? "valid, with warnings" : "valid") : "INVALID"
        out += "\(report.file.printable): \(verdict) — \(report.format.printable)"
        if let structure = report.structure { out += ", \(structure.printable)" }
        out +=
            "\n  \(report.dataSets) dataset\(plural(report.dataSets)), \(report.series) series, "
            + "\(report.observations) observation\(plural(report.observations)); "
            + "\(report.errors) error\(plural(report.errors)), \(report.warnings) warning\(plural(report.warnings))\n"
        for (code, count) in report.byCode.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            out += "  \(code.rawValue): \(count)\n"
        }
        if report.truncated {
            out +=
                "  (\(report.findings.count) of \(report.errors + report.warnings) findings listed; raise --max-findings to see more)\n"
        }
        return out
    }

    private static func plural(_ count: Int) -> String { count == 1 ? "" : "s" }
}
