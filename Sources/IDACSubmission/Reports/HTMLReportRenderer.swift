import SDMXValidation

/// The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) that a
/// national office can read without knowing SDMX: the verdict, what was checked, the problems grouped
/// by kind in plain words with their first examples, the series with problems, and small charts.
public enum HTMLReportRenderer {
    /// Examples shown per kind of finding.
    static let examplesPerCode = 10

    /// The page for the reports of one or more files.
    public static func render(_ reports: [ValidationReport]) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>idac validation report</title>
            <style>\(style)</style>
            </head>
            <body>
            <header><h1>Validation report</h1>
            <p class="lead">Checked by <strong>idac</strong> against the structures of the International Data Alliance for Children on the Move.</p></header>

            """
        if reports.count > 1 {
            html += "<nav><h2>Files</h2><ul>"
            for (index, report) in reports.enumerated() {
                html +=
                    "<li><a href=\"#file-\(index)\">\(escape(report.file))</a> — \(report.isValid ? "accepted" : "\(report.errors) problem\(report.errors == 1 ? "" : "s") to fix")</li>"
            }
            html += "</ul></nav>\n"
        }
        for (index, report) in reports.enumerated() {
            html += section(report, index: index)
        }
        html +=
            "<footer>Every problem is listed with the line and column where it is in the file (for CSV, the column is the field number).</footer>\n</body>\n</html>\n"
        return html
    }

    /// The reports' sections alone, for a page of the portal's own.
    public static func sections(_ reports: [ValidationReport]) -> String {
        reports.enumerated().map { section($0.element, index: $0.offset) }.joined()
    }

    // MARK: One file

    static func section(_ report: ValidationReport, index: Int) -> String {
        var html = "<section class=\"file\" id=\"file-\(index)\">\n<h2>\(escape(report.file))</h2>\n"
        let verdictClass = report.isValid ? (report.warnings > 0 ? "verdict warn" : "verdict ok") : "verdict bad"
        let verdict: String
        if report.isValid {
            verdict =
                report.warnings > 0
                ? "This file can be sent. It has \(report.warnings) warning\(report.warnings == 1 ? "" : "s") worth a look."
                : "This file can be sent: no problems were found."
        } else {
            verdict =
                "This file cannot be accepted yet: \(report.errors) problem\(report.errors == 1 ? "" : "s") must be fixed"
                + (report.warnings > 0
                    ? ", and there \(report.warnings == 1 ? "is 1 warning" : "are \(report.warnings) warnings")." : ".")
        }
        html += "<p class=\"\(verdictClass)\" role=\"status\">\(escape(verdict))</p>\n"

        html += "<h3>What was checked</h3>\n<dl class=\"facts\">"
        html += "<dt>Format</dt><dd>\(escape(report.format))</dd>"
        html += "<dt>Dataflow</dt><dd>\(escape(report.structure ?? "none found"))</dd>"
        html += "<dt>Datasets</dt><dd>\(report.dataSets)</dd>"
        html += "<dt>Series</dt><dd>\(report.series)</dd>"
        html += "<dt>Observations</dt><dd>\(report.observations)</dd></dl>\n"
        html +=
            "<p class=\"checks\">Checks: the file's form; every code against the Alliance's code lists; numbers and text against their formats; "
            + "time periods against the frequency; the attributes that must be given; repeated observations; the dataflow's allowed content; "
            + "and the Alliance's consistency rules (totals by sex, age and accompaniment, values and their status, quarters against years).</p>\n"

        if !report.byCode.isEmpty {
            html += "<h3>Problems by kind</h3>\n"
            for (code, count) in report.byCode.sorted(by: { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) })
            {
                html += group(code: code, count: count, findings: report.findings.filter { $0.code == code })
            }
            if report.truncated {
                html +=
                    "<p class=\"note\">Only the first \(report.findings.count) problems were listed; the counts cover all of them.</p>\n"
            }
        }

        let series = report.findingsBySeries.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(20)
        if !series.isEmpty {
            html +=
                "<h3>Series with problems</h3>\n<table class=\"series\"><thead><tr><th>Series key</th><th>Problems</th></tr></thead><tbody>"
            for (key, count) in series {
                html += "<tr><td><code>\(escape(key))</code></td><td class=\"num\">\(count)</td></tr>"
            }
            html += "</tbody></table>\n"
            if report.findingsBySeries.count > 20 {
                html += "<p class=\"note\">…and \(report.findingsBySeries.count - 20) more series.</p>\n"
            }
        }

        if !report.observationsByPeriod.isEmpty {
            html += "<h3>Observations per period</h3>\n"
            html += barChart(report.observationsByPeriod.sorted { $0.key < $1.key }, label: "Observations per period")
        }
        if report.observationsByArea.count > 1 || (report.observationsByArea.count == 1 && report.observations > 0) {
            html += "<h3>Observations per reference area</h3>\n"
            html += barChart(
                report.observationsByArea.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(30).map { $0 },
                label: "Observations per reference area")
        }
        return html + "</section>\n"
    }

    static func group(code: FindingCode, count: Int, findings: [Finding]) -> String {
        let words = plainWords(code)
        var html = "<details class=\"group\" open><summary><span class=\"code\">\(code.rawValue)</span> "
        html += "\(escape(words.title)) <span class=\"count\">\(count)</span></summary>\n"
        html += "<p class=\"advice\">\(escape(words.advice))"
        if let fusion = code.fusionRegistryCodes {
            html += " <span class=\"fusion\">(Fusion Registry: \(fusion.joined(separator: ", ")))</span>"
        }
        html += "</p>\n"
        let examples = findings.prefix(examplesPerCode)
        if !examples.isEmpty {
            html +=
                "<table class=\"findings\"><thead><tr><th>Line</th><th>Column</th><th>Level</th><th>Component</th><th>Value</th><th>What is wrong</th></tr></thead><tbody>"
            for finding in examples {
                html +=
                    "<tr class=\"\(finding.severity.rawValue)\"><td class=\"num\">\(finding.line)</td><td class=\"num\">\(finding.column)</td>"
                html += "<td>\(finding.severity.rawValue)</td><td>\(escape(finding.component ?? ""))</td>"
                html += "<td><code>\(escape(finding.value ?? ""))</code></td><td>\(escape(finding.message))</td></tr>"
            }
            html += "</tbody></table>\n"
            if count > examples.count {
                html += "<p class=\"note\">First \(examples.count) of \(count) shown.</p>\n"
            }
        }
        return html + "</details>\n"
    }

    /// A title and advice for each kind of finding, in words for someone who does not know SDMX.
    static func plainWords(_ code: FindingCode) -> (title: String, advice: String) {
        switch code {
        case .malformedInput:
            (
                "The file is damaged or badly formed",
                "The file stops or breaks at the line shown. Export it again from your system, and check that it was not cut short."
            )
        case .unsupportedFormat:
            (
                "This kind of file cannot be read",
                "Send SDMX-ML 2.1 (structure-specific) or SDMX-CSV. Export the data again in one of these formats."
            )
        case .unknownStructure:
            (
                "The file names a dataflow the Alliance does not have",
                "Check the dataflow in the file's header (or its STRUCTURE_ID column); the Alliance's are IDAC:DF_CHILD_MIGRATION(1.0) and IDAC:DF_CHILDREN_LEFT_BEHIND(1.0)."
            )
        case .footerMessage:
            (
                "The file carries a note from the system that produced it, or holds no data",
                "Read the note: a web service may have written the data elsewhere. A file with no dataset reports nothing."
            )
        case .structureIncomplete:
            (
                "Some of the structure's code lists were not given, so some values were not checked",
                "Load the missing code lists or concept schemes with --structure; the other checks were made."
            )
        case .unknownComponent:
            (
                "Columns or fields the Alliance does not use",
                "Remove these columns or fields, or check their spelling."
            )
        case .missingDimension:
            (
                "Missing parts of a series' identity",
                "Every observation needs a value for each dimension (frequency, area, indicator, sex, age …). Fill in the empty ones."
            )
        case .invalidCode:
            (
                "Codes that are not in the Alliance's lists",
                "Use the codes from the Alliance's code lists; the message suggests the closest one (for example KEN for Kenya)."
            )
        case .invalidValue:
            (
                "Values written in the wrong form",
                "Numbers must be written with a decimal point and no thousands separator (1234.5), and texts must respect their length."
            )
        case .invalidTimePeriod:
            (
                "Time periods that are malformed or do not match the frequency",
                "Write years as 2024 and quarters as 2024-Q3, and make them agree with the series' frequency."
            )
        case .missingAttribute:
            (
                "Required information is missing",
                "Fill in the attributes that must always be given, such as the observation status, unit of measure and unit multiplier."
            )
        case .duplicateComponent:
            (
                "The same item is given twice with different values",
                "Give each dimension and attribute once per row or series, not again on the observation."
            )
        case .duplicateObservation:
            (
                "The same figure is reported more than once",
                "Keep one row per series and period."
            )
        case .constraintViolation:
            (
                "Values the Alliance does not collect",
                "The Alliance collects annual and quarterly data on children only; remove or correct these rows."
            )
        case .ruleViolation:
            (
                "Figures that do not add up or do not make sense",
                "Check totals against their parts (sexes, age bands, accompaniment), values against their status, and quarters against the year."
            )
        case .unmappedAgeBand:
            (
                "Age bands the Alliance's maps do not know",
                "Use the Alliance's age bands, or ask the Secretariat to add your national band to its age-band map."
            )
        case .straddlingAgeBand:
            (
                "Age bands that cannot be converted without guessing",
                "These bands overlap two of the Alliance's bands, so their figures were left out. Report the Alliance's bands (Y0T4, Y5T9, Y10T14, Y15T17, or Y5T11 and Y12T17)."
            )
        case .incompleteAgeBands:
            (
                "Age bands that do not add up to an Alliance band",
                "Report every part of the Alliance's band once, or the band itself."
            )
        case .otherCountry:
            (
                "Figures for another country",
                "An office sends its own country's figures only: remove the other countries' rows, or ask the Secretariat."
            )
        }
    }

    // MARK: Charts

    /// A horizontal bar chart as inline SVG.
    static func barChart(_ data: [(key: String, value: Int)], label: String) -> String {
        let rows = Array(data.prefix(60))
        guard let maximum = rows.map(\.value).max(), maximum > 0 else { return "" }
        let barHeight = 16, gap = 4, labelWidth = 110, chartWidth = 420
        let height = rows.count * (barHeight + gap) + gap
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-label=\"\(escape(label))\" width=\"\(labelWidth + chartWidth + 70)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(labelWidth + chartWidth + 70) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (index, row) in rows.enumerated() {
            let y = gap + index * (barHeight + gap)
            let width = max(1, Int(Double(chartWidth) * Double(row.value) / Double(maximum)))
            svg +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + barHeight - 4)\" text-anchor=\"end\">\(escape(row.key))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(width)\" height=\"\(barHeight)\" rx=\"2\"></rect>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + barHeight - 4)\">\(row.value)</text>"
        }
        svg += "</svg>\n"
        if data.count > rows.count { svg += "<p class=\"note\">\(rows.count) of \(data.count) shown.</p>\n" }
        return svg
    }

    /// Text for an HTML page: markup characters escaped, control characters shown.
    package static func escape(_ text: String) -> String {
        text.printable.xmlAttribute
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:1.5rem;color:#1d2430;background:#fff;line-height:1.45}
        h1{margin:0 0 .3rem;font-size:1.7rem}h2{margin-top:2rem;border-bottom:2px solid #dde3ea;padding-bottom:.3rem;font-size:1.3rem;word-break:break-all}
        h3{margin-top:1.6rem;font-size:1.1rem}.lead{color:#4a5568;margin:0}
        .verdict{padding:.9rem 1.1rem;border-radius:6px;font-weight:600;font-size:1.05rem}
        .verdict.ok{background:#e6f4ea;color:#135c2b;border-left:6px solid #1e8e3e}
        .verdict.warn{background:#fef7e0;color:#7a4f01;border-left:6px solid #f9ab00}
        .verdict.bad{background:#fce8e6;color:#8c1d18;border-left:6px solid #d93025}
        .facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}.facts dt{font-weight:600;color:#4a5568}.facts dd{margin:0}
        .checks,.note{color:#4a5568;font-size:.92rem}
        details.group{border:1px solid #dde3ea;border-radius:6px;margin:.8rem 0;padding:.4rem .9rem}
        details.group summary{cursor:pointer;font-weight:600;padding:.3rem 0}
        .code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;background:#eef2f7;padding:.1rem .35rem;border-radius:4px;margin-right:.4rem}
        .count{float:right;background:#d93025;color:#fff;border-radius:999px;padding:0 .6rem;font-size:.85rem}
        .advice{margin:.3rem 0 .6rem;color:#2d3748}.fusion{color:#718096;font-size:.85rem}
        table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.4rem 0}th,td{border-bottom:1px solid #e2e8f0;padding:.3rem .45rem;text-align:left;vertical-align:top}
        th{background:#f7fafc}td.num{text-align:right;font-variant-numeric:tabular-nums}tr.warning td{color:#7a4f01}
        code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere}
        svg.chart text{font-size:11px;fill:#2d3748}svg.chart rect{fill:#3b6fb6}
        nav ul{padding-left:1.2rem}footer{margin-top:2.5rem;color:#718096;font-size:.85rem;border-top:1px solid #e2e8f0;padding-top:.8rem}
        """
}
