import SDMXModel
import Testing

@Suite struct TimePeriodTests {
    @Test(arguments: [
        "2024", "2024-07", "2024-02-29", "2024-Q3", "2024-A1", "2024-S2", "2024-T3", "2024-M07",
        "2020-W53", "2024-D366", "2024-07-15T10:30:00", "2024-07-15T10:30:00.5Z",
        "2024-07-15T10:30:00+03:00", "2024-01-01/P1Y", "2024-01/P3M", "2024-01-01/P1Y2M10DT2H30M",
        "2024-01-01/PT36H", "2024-01-01/P0.5Y", "2024-01-01/P999999D",
    ])
    func parsesEveryObservationalForm(_ text: String) {
        #expect(TimePeriod(text) != nil, "\(text) should parse")
    }

    @Test(arguments: [
        "", "24", "2024-13", "2024-Q5", "2024-Q0", "2023-02-29", "2024-W54", "2021-W53", "2023-D366",
        "2024-M7", "2024Q3", "2024-07-15T25:00:00", "2024-01-01/1Y", "Q3-2024", "2024-A2", "20245",
        "2024-A99999", "2024-01-01/P99999999999Y", "2024-01-01/P1Y1Y", "2024-01-01/P1D1Y", "2024-01-01/PT",
        "2024-01-01/P1YT", "2024-01-01/P.5Y", "2024-01-01/P1.Y", "2024-01-01/P1.0000000001Y",
    ])
    func rejectsMalformedPeriods(_ text: String) {
        #expect(TimePeriod(text) == nil, "\(text) should not parse")
    }

    /// Ordinals packed into one integer come back whole, negative values and every kind included,
    /// and sort in time order within a kind.
    /// The quick reading of the commonest forms agrees with the full parse: the same ordinal, a
    /// frequency the period matches, and nothing for text the parse refuses or reads otherwise.
    @Test func quickOrdinalsAgreeWithTheFullParse() {
        var texts = [
            "2024", "0001", "0000", "9999", "2024-Q1", "2024-Q4", "2024-Q0", "2024-Q5", "2024-01", "2024-12", "2024-00",
            "2024-13", "2024-A1", "2024-S2", "2024-M07", "2024-W01", "24-Q1", "2024Q01", "2024-7", "202a", "2024-Qx",
            "2024/07", "-2024", "2024-1Q",
        ]
        func padded(_ number: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(number).count)) + String(number)
        }
        for year in [1, 999, 1990, 2024] {
            for quarter in 0...5 { texts.append("\(padded(year, 4))-Q\(quarter)") }
            for month in 0...13 { texts.append("\(padded(year, 4))-\(padded(month, 2))") }
        }
        var quick = 0
        for text in texts {
            var copy = text
            let read = copy.withUTF8 { TimePeriod.quickOrdinal($0) }
            let parsed = TimePeriod(text)
            guard let read else {
                let common: Bool =
                    switch parsed {
                    case .year?, .yearMonth?, .reporting(_, .quarter, _)?: true
                    default: false
                    }
                #expect(!common, "\(text) parses as a common form but was not read quickly")
                continue
            }
            quick += 1
            #expect(parsed?.ordinal == read.ordinal, "\(text)")
            #expect(
                parsed?.matches(frequency: String(UnicodeScalar(read.frequency))) == true,
                "\(text) against FREQ \(read.frequency)")
        }
        #expect(quick > 60, "most samples are common forms")
    }

    @Test func packedOrdinalsRoundTrip() throws {
        let periods = ["0001-Q1", "1990-Q4", "2024", "2024-07", "2024-02-29", "2020-W53", "2024-D366", "9999-Q4"]
        for text in periods {
            let ordinal = try #require(TimePeriod(text)).ordinal
            #expect(TimePeriod.Ordinal(packed: ordinal.packed) == ordinal, "\(text)")
        }
        for value: Int64 in [-1, -123_456, Int64.min >> 8, (Int64.max >> 8)] {
            let ordinal = TimePeriod.Ordinal(kind: 255, value: value)
            #expect(TimePeriod.Ordinal(packed: ordinal.packed) == ordinal)
        }
        let quarters = try ["2023-Q4", "2024-Q1"].map { try #require(TimePeriod($0)).ordinal }
        #expect(quarters[0].packed < quarters[1].packed)
        #expect(quarters[1].yearAndQuarter?.year == 2024 && quarters[1].yearAndQuarter?.quarter == 0)
        #expect(try #require(TimePeriod("2024")).ordinal.yearAndQuarter?.quarter == nil)
        #expect(try #require(TimePeriod("2024-07")).ordinal.yearAndQuarter == nil)
    }

    @Test func matchesFrequencies() throws {
        #expect(try #require(TimePeriod("2024-Q3")).matches(frequency: "Q"))
        #expect(try #require(TimePeriod("2024")).matches(frequency: "A"))
        #expect(try #require(TimePeriod("2024-A1")).matches(frequency: "A"))
        #expect(try #require(TimePeriod("2024-07")).matches(frequency: "M"))
        #expect(try #require(TimePeriod("2024-M07")).matches(frequency: "M"))
        #expect(!(try #require(TimePeriod("2024-07")).matches(frequency: "Q")))
        #expect(!(try #require(TimePeriod("2024")).matches(frequency: "Q")))
        #expect(!(try #require(TimePeriod("2024-Q1")).matches(frequency: "A")))
        // A frequency code without a fixed form accepts any period.
        #expect(try #require(TimePeriod("2024-Q1")).matches(frequency: "X"))
    }
}

@Suite struct ArtefactReferenceTests {
    @Test func parsesUserForm() throws {
        let reference = try #require(ArtefactReference(parsing: "IDAC:DF_CHILD_MIGRATION(1.0)", kind: .dataflow))
        #expect(reference.agencyID == "IDAC")
        #expect(reference.id == "DF_CHILD_MIGRATION")
        #expect(reference.version == "1.0")
        #expect(reference.description == "IDAC:DF_CHILD_MIGRATION(1.0)")
        #expect(ArtefactReference(parsing: "IDAC:DF_CHILD_MIGRATION", kind: .dataflow)?.version == nil)
        #expect(ArtefactReference(parsing: "DF_CHILD_MIGRATION", kind: .dataflow) == nil)
        #expect(ArtefactReference(parsing: "IDAC:DF(1.0", kind: .dataflow) == nil)
    }

    @Test func parsesURNs() throws {
        let dsd = try #require(
            ArtefactReference(urn: "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=ECB:ECB_EXR1(1.0)"))
        #expect(dsd.kind == .dataStructure)
        #expect(dsd.id == "ECB_EXR1")
        let concept = try #require(
            ItemReference(urn: "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=UNICEF:UNICEF_CONCEPTS(1.0).REF_AREA")
        )
        #expect(concept.parent.kind == .conceptScheme)
        #expect(concept.parent.id == "UNICEF_CONCEPTS")
        #expect(concept.itemID == "REF_AREA")
    }

    @Test func ordersVersionsNumerically() {
        #expect(VersionOrder.isEarlier("1.2", than: "1.10"))
        #expect(VersionOrder.isEarlier("1.0", than: "2.0.0"))
        #expect(!VersionOrder.isEarlier("2.1", than: "2.0"))
    }
}
