import IDACSubmission
import SDMXModel
import Foundation

/// The data-gap map as text, CSV, JSON (fields documented in the README) or one self-contained page.
public enum GapReportRenderer {
    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }
    static func flag(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "n/a" }

    // MARK: Text

    /// The map as a text grid for a terminal: one digit (tenths of completeness) per cell, then the summaries.
    public static func text(_ report: GapReport) -> String {
        let width = max(8, (report.countries.map(\.count).max() ?? 3) + 2)
        var out = "Data gaps in \(report.dataflow), \(report.period) (previous: \(report.previousPeriod))\n"
        out +=
            "Each cell: · no data; otherwise the share of child breakdowns reported (sex, age, accompaniment, origin) in tenths, 0–9, X for all.\n\n"
        for (number, indicator) in report.indicators.enumerated() { out += "  \(number + 1). \(indicator)\n" }
        out +=
            "\n" + "".padding(toLength: width, withPad: " ", startingAt: 0)
            + report.indicators.indices.map { String(format: "%3d", $0 + 1) }.joined() + "   coverage\n"
        for (country, row) in zip(report.countries, report.cells) {
            out += country.padding(toLength: width, withPad: " ", startingAt: 0)
            out += row.map { cell -> String in
                guard cell.hasData else { return "  ·" }
                return cell.completeness >= 0.999 ? "  X" : "  \(min(9, Int(cell.completeness * 10)))"
            }.joined()
            let withData = row.filter(\.hasData).count
            out += "   \(withData)/\(row.count)\n"
        }
        out += "\nBy indicator:\n"
        for summary in report.byIndicator {
            out +=
                "  \(summary.key): \(summary.cellsWithData)/\(summary.cells) countries (\(percent(summary.coverage)), "
                + "change \(signed(summary.coverageChange))), breakdowns \(percent(summary.completeness))\n"
        }
        out +=
            "\nLargest gaps:\n"
            + (report.largestGaps.isEmpty ? "  none\n" : report.largestGaps.map { "  - \($0)\n" }.joined())
        return out
    }

    static func signed(_ share: Double) -> String {
        let points = Int((share * 100).rounded())
        return points > 0 ? "+\(points) points" : "\(points) points"
    }

    // MARK: CSV

    /// The map as CSV, one line per cell, CRLF line ends.
    public static func csv(_ report: GapReport) -> String {
        var out =
            "country,indicator,observations,latest_period,sex,age,accompaniment,origin,completeness,"
            + "estimated_share,provisional_share,imputed_share,missing_share,timeliness_days,revised_share\r\n"
        for row in report.cells {
            for cell in row {
                let fields: [String] = [
                    cell.country, cell.indicator, String(cell.observations), cell.latestPeriod ?? "", flag(cell.sex),
                    cell.age.rawValue,
                    flag(cell.accompaniment), flag(cell.origin), String(format: "%.2f", cell.completeness),
                    String(format: "%.3f", cell.estimatedShare), String(format: "%.3f", cell.provisionalShare),
                    String(format: "%.3f", cell.imputedShare), String(format: "%.3f", cell.missingShare),
                    cell.timelinessDays.map(String.init) ?? "", String(format: "%.3f", cell.revisedShare),
                ]
                // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
                out += fields.map(SDMXCSVWriter.field).joined(separator: ",") + "\r\n"
            }
        }
        return out
    }

    // MARK: JSON

    /// The map as JSON: the cells, the summaries and the largest gaps.
    public static func json(_ report: GapReport) -> String {
        func number(_ value: Double) -> JSONWriter.Value { .raw(String(format: "%.4f", value)) }
        func bool(_ value: Bool?) -> JSONWriter.Value { value.map { .bool($0) } ?? .raw("null") }
        func summary(_ summary: GapSummary) -> JSONWriter.Value {
            .object([
                ("key", .string(summary.key)), ("cells", .int(summary.cells)),
                ("cellsWithData", .int(summary.cellsWithData)),
                ("coverage", number(summary.coverage)), ("completeness", number(summary.completeness)),
                ("previousCoverage", number(summary.previousCoverage)),
                ("coverageChange", number(summary.coverageChange)),
            ])
        }
        let cells: [JSONWriter.Value] = report.cells.flatMap { $0 }.map { cell in
            .object([
                ("country", .string(cell.country)), ("indicator", .string(cell.indicator)),
                ("observations", .int(cell.observations)),
                ("latestPeriod", .string(cell.latestPeriod)), ("sex", bool(cell.sex)),
                ("age", .string(cell.age.rawValue)),
                ("accompaniment", bool(cell.accompaniment)), ("origin", bool(cell.origin)),
                ("completeness", number(cell.completeness)),
                ("estimatedShare", number(cell.estimatedShare)), ("provisionalShare", number(cell.provisionalShare)),
                ("imputedShare", number(cell.imputedShare)), ("missingShare", number(cell.missingShare)),
                ("timelinessDays", .int(cell.timelinessDays)), ("revisedShare", number(cell.revisedShare)),
            ])
        }
        return JSONWriter.encode(
            .object([
                ("dataflow", .string(report.dataflow)), ("period", .string(report.period)),
                ("previousPeriod", .string(report.previousPeriod)),
                ("countries", .array(report.countries.map { .string($0) })),
                ("indicators", .array(report.indicators.map { .string($0) })),
                ("cells", .array(cells)), ("byCountry", .array(report.byCountry.map(summary))),
                ("byIndicator", .array(report.byIndicator.map(summary))),
                ("largestGaps", .array(report.largestGaps.map { .string($0) })),
            ])) + "\n"
    }

    // MARK: HTML

    /// The map as one self-contained HTML page (inline CSS, no script).
    public static func html(_ report: GapReport) -> String {
        let escape = HTMLReportRenderer.escape
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Data gaps: \(escape(report.dataflow)) \(escape(report.period))</title><style>\(style)</style></head><body>
            <header><h1>What we know about children on the move, \(escape(report.period))</h1>
            <p class="lead">\(escape(report.dataflow)): \(report.countries.count) countries × \(report.indicators.count) indicators.
            A cell's colour says how many of the child-specific breakdowns (sex, age bands, unaccompanied or separated children,
            country of origin) its data have; grey means no data at all.</p></header>
            <table class="grid"><thead><tr><th>Country</th>
            """
        for indicator in report.indicators {
            out += "<th class=\"rot\"><span>\(escape(indicator))</span></th>"
        }
        out += "<th>Coverage</th></tr></thead><tbody>\n"
        for (country, row) in zip(report.countries, report.cells) {
            out += "<tr><th><a href=\"#c-\(escape(country))\">\(escape(country))</a></th>"
            for cell in row {
                let title =
                    cell.hasData
                    ? "\(cell.country) \(cell.indicator): \(cell.observations) observations, breakdowns \(percent(cell.completeness))"
                    : "\(cell.country) \(cell.indicator): no data"
                out +=
                    "<td class=\"cell \(cssClass(cell))\" title=\"\(escape(title))\">\(cell.hasData ? percent(cell.completeness) : "–")</td>"
            }
            out += "<td class=\"num\">\(row.filter(\.hasData).count)/\(row.count)</td></tr>\n"
        }
        out +=
            "</tbody></table>\n<p class=\"legend\"><span class=\"cell none\">no data</span> <span class=\"cell low\">few breakdowns</span> "
            + "<span class=\"cell mid\">some</span> <span class=\"cell high\">most</span> <span class=\"cell full\">all</span></p>\n"
        out += "<h2>Largest gaps</h2><ul>" + report.largestGaps.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        out += "<h2>By indicator</h2>" + summaryTable(report.byIndicator, label: "Indicator")
        out += "<h2>By country</h2>" + summaryTable(report.byCountry, label: "Country")
        out += "<h2>Country detail</h2>\n"
        for (country, row) in zip(report.countries, report.cells) {
            out +=
                "<section id=\"c-\(escape(country))\"><h3>\(escape(country))</h3><table><thead><tr><th>Indicator</th><th>Observations</th>"
                + "<th>Latest</th><th>Sex</th><th>Age</th><th>Unaccompanied</th><th>Origin</th><th>Estimated</th><th>Missing</th>"
                + "<th>Days to deliver</th><th>Revised</th></tr></thead><tbody>"
            for cell in row where cell.hasData {
                out +=
                    "<tr><td>\(escape(cell.indicator))</td><td class=\"num\">\(cell.observations)</td><td>\(escape(cell.latestPeriod ?? ""))</td>"
                    + "<td>\(flag(cell.sex))</td><td>\(cell.age.rawValue)</td><td>\(flag(cell.accompaniment))</td><td>\(flag(cell.origin))</td>"
                    + "<td class=\"num\">\(percent(cell.estimatedShare))</td><td class=\"num\">\(percent(cell.missingShare))</td>"
                    + "<td class=\"num\">\(cell.timelinessDays.map(String.init) ?? "")</td><td class=\"num\">\(percent(cell.revisedShare))</td></tr>"
            }
            if !row.contains(where: \.hasData) {
                out += "<tr><td colspan=\"11\">No data for \(escape(report.period)).</td></tr>"
            }
            out += "</tbody></table></section>\n"
        }
        return out + "<footer>Made by idac from the Alliance repository.</footer></body></html>\n"
    }

    static func summaryTable(_ summaries: [GapSummary], label: String) -> String {
        var out =
            "<table><thead><tr><th>\(label)</th><th>Cells with data</th><th>Coverage</th><th>Change since the period before</th>"
            + "<th>Breakdowns</th></tr></thead><tbody>"
        for summary in summaries {
            out +=
                "<tr><td>\(HTMLReportRenderer.escape(summary.key))</td><td class=\"num\">\(summary.cellsWithData)/\(summary.cells)</td>"
                + "<td class=\"num\">\(percent(summary.coverage))</td><td class=\"num\">\(signed(summary.coverageChange))</td>"
                + "<td class=\"num\">\(percent(summary.completeness))</td></tr>"
        }
        return out + "</tbody></table>\n"
    }

    static func cssClass(_ cell: GapCell) -> String {
        guard cell.hasData else { return "none" }
        switch cell.completeness {
        case 0.999...: return "full"
        case 0.66...: return "high"
        case 0.33...: return "mid"
        default: return "low"
        }
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1.5rem;color:#1d2430}
        h1{font-size:1.6rem;margin:0 0 .3rem}.lead{color:#4a5568}h2{margin-top:2rem;border-bottom:2px solid #dde3ea;font-size:1.25rem}
        table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #e2e8f0;padding:.25rem .4rem;text-align:left}
        th.rot{height:9rem;vertical-align:bottom;white-space:nowrap}th.rot span{writing-mode:vertical-rl;transform:rotate(180deg)}
        td.cell,span.cell{text-align:center;min-width:2.6rem;display:table-cell}span.cell{display:inline-block;padding:.1rem .5rem;margin-right:.3rem}
        .none{background:#edf2f7;color:#a0aec0}.low{background:#fed7d7}.mid{background:#feebc8}.high{background:#c6f6d5}.full{background:#68d391}
        td.num{text-align:right;font-variant-numeric:tabular-nums}footer{margin-top:2rem;color:#718096;font-size:.85rem}
        """
}
