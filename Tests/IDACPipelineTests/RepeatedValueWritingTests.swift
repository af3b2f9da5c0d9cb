import Foundation
import SDMXModel
import Testing

@testable import AllianceRepository
@testable import IDACPipeline
@testable import IDACSubmission

/// What the writers and the exporter skip when a row repeats the last one's values (``EncodedFields``,
/// ``ValuePlacement``): a value that changes between rows at the same place is written as itself, quoted or
/// escaped as it must be, whatever the row before it held.
@Suite struct RepeatedValueWritingTests {
    /// Text gathered in memory.
    final class Text: TextOutput {
        var text = ""
        func write(_ text: String) throws { self.text += text }
    }

    static func structure() throws -> ResolvedStructure {
        let reference = ArtefactReference(kind: .dataflow, agencyID: "IDAC", id: "DF_CHILD_MIGRATION", version: "1.0")
        return try StructureLoader().loadEmbedded().resolve(reference)
    }

    /// A footnote that goes plain, needs quotes, stays so (the very same string), and goes plain again.
    @Test func csvQuotesExactlyTheFieldsThatNeedIt() throws {
        let structure = try Self.structure()
        let footnote = try #require(structure.index(of: "OBS_FOOTNOTE"))
        let output = Text()
        let writer = SDMXCSVWriter(sink: output, version: .v1)
        try writer.begin(structure: structure)
        let quoted = "late, \"revised\""
        for note in ["plain", quoted, quoted, "again plain", ""] {
            var row = [String](repeating: "", count: structure.components.count)
            row[footnote] = note
            try writer.write(row, action: nil)
        }
        let lines = output.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast()
        let encoded = ["plain", "\"late, \"\"revised\"\"\"", "\"late, \"\"revised\"\"\"", "again plain", ""]
        let expected = encoded.map { field in
            var fields = [String](repeating: "", count: structure.components.count)
            fields[footnote] = field
            return "IDAC:DF_CHILD_MIGRATION(1.0)," + fields.joined(separator: ",")
        }
        #expect(lines.map(String.init) == expected)
    }

    /// An attribute that goes plain, needs escaping, and goes plain again, on the `Obs` of SDMX-ML.
    @Test func xmlEscapesExactlyTheValuesThatNeedIt() throws {
        let structure = try Self.structure()
        let footnote = try #require(structure.index(of: "OBS_FOOTNOTE"))
        let time = try #require(structure.timeIndex)
        let output = Text()
        let writer = SDMXMLWriter(
            form: .structureSpecific, shape: .timeSeries, sink: output, prepared: "2026-01-01T00:00:00Z")
        try writer.begin(structure: structure)
        for (quarter, note) in ["a", "b<c & \"d\"", "b<c & \"d\"", "e"].enumerated() {
            var row = [String](repeating: "", count: structure.components.count)
            row[time] = "2024-Q\(quarter + 1)"
            row[footnote] = note
            try writer.write(row, action: nil)
        }
        try writer.end()
        let notes = output.text.components(separatedBy: "OBS_FOOTNOTE=\"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect(notes == ["a", "b&lt;c &amp; &quot;d&quot;", "b&lt;c &amp; &quot;d&quot;", "e"])
    }

    /// Rows of one series whose attributes change from row to row, with a dropped attribute: each row gets
    /// its own period, value and attributes, and the dropped one never.
    @Test func placementFollowsEachRowsAttributes() throws {
        let structure = try Self.structure()
        let status = try #require(structure.index(of: "OBS_STATUS"))
        let footnote = try #require(structure.index(of: "OBS_FOOTNOTE"))
        let time = try #require(structure.timeIndex)
        let measure = try #require(structure.measureIndices.first)
        var placement = ValuePlacement(structure: structure, dropping: [footnote])
        var values = [String](repeating: "", count: structure.components.count)
        let rows: [(String, [String: String])] = [
            ("2024-Q1", ["OBS_STATUS": "A", "OBS_FOOTNOTE": "x"]),
            ("2024-Q2", ["OBS_STATUS": "E"]),
            ("2024-Q3", [:]),
            ("2024-Q4", ["OBS_STATUS": "A"]),
        ]
        for (number, (period, attributes)) in rows.enumerated() {
            let observation = StoredObservation(
                dataflow: structure.name, seriesKey: "Q.KEN", period: period, value: "\(number)",
                attributes: attributes, transmissionID: 1, validFrom: "2026-01-01T00:00:00.000Z")
            placement.place(observation, into: &values)
            #expect(values[time] == period)
            #expect(values[measure] == "\(number)")
            #expect(values[status] == (attributes["OBS_STATUS"] ?? ""))
            #expect(values[footnote] == "")
        }
    }
}
