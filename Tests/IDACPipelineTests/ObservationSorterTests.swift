import Foundation
import IDACPipeline
import IDACSubmission
import SDMXModel
import Testing

/// ``ObservationSorter``: rows come out ordered by the layout's key whether they stayed in memory or went
/// through runs in a temporary file, equal keys in the order they came, and nothing is left on disk.
@Suite struct ObservationSorterTests {
    /// Collects what it is handed.
    final class Collector: ObservationWriter {
        var rows: [([String], String?)] = []
        var ended = false
        func begin(structure: ResolvedStructure) throws {}
        func write(_ values: [String], action: String?) throws { rows.append((values, action)) }
        func end() throws { ended = true }
    }

    static func structure() throws -> ResolvedStructure {
        let reference = ArtefactReference(kind: .dataflow, agencyID: "IDAC", id: "DF_CHILD_MIGRATION", version: "1.0")
        return try StructureLoader().loadEmbedded().resolve(reference)
    }

    /// Rows in the repository's order (key, period) for keys with SEX in F, M, _T; with a budget that holds a
    /// few rows only, many runs are merged.
    @Test(arguments: [8 << 20, 600])
    func ordersByTheOtherDimensionsThenTimeThenTheDimension(budget: Int) throws {
        let structure = try Self.structure()
        let sex = try #require(structure.index(of: "SEX"))
        let area = try #require(structure.index(of: "REF_AREA"))
        let time = try #require(structure.timeIndex)
        let value = try #require(structure.measureIndices.first)
        let collector = Collector()
        let sorter = ObservationSorter(base: collector, memoryBudget: budget) {
            SeriesLayout(structure: $0, shape: .dimension("SEX")).order
        }
        try sorter.begin(structure: structure)
        var given: [[String]] = []
        for country in ["KEN", "UGA"] {
            for code in ["F", "M", "_T"] {
                for quarter in 1...4 {
                    var row = [String](repeating: "", count: structure.components.count)
                    row[area] = country
                    row[sex] = code
                    row[time] = "2024-Q\(quarter)"
                    row[value] = "\(given.count)"
                    given.append(row)
                    try sorter.write(row, action: quarter == 2 ? "Delete" : nil)
                    // A second version of the same observation: it must stay after the first.
                    if quarter == 3 {
                        row[value] += "b"
                        given.append(row)
                        try sorter.write(row, action: nil)
                    }
                }
            }
        }
        try sorter.end()
        #expect(collector.ended)
        #expect(collector.rows.count == given.count)
        let seen = collector.rows.map { "\($0.0[area]) \($0.0[time]) \($0.0[sex]) \($0.0[value]) \($0.1 ?? "-")" }
        #expect(
            Array(seen.prefix(5)) == [
                "KEN 2024-Q1 F 0 -", "KEN 2024-Q1 M 5 -", "KEN 2024-Q1 _T 10 -",
                "KEN 2024-Q2 F 1 Delete", "KEN 2024-Q2 M 6 Delete",
            ])
        #expect(seen.contains("KEN 2024-Q3 F 2 -"))
        let first = try #require(seen.firstIndex(of: "KEN 2024-Q3 F 2 -"))
        #expect(seen[first + 1] == "KEN 2024-Q3 F 2b -")
        #expect(Set(collector.rows.map { $0.0 }) == Set(given))
        #expect(seen.last == "UGA 2024-Q4 _T 29 -")
    }
}
