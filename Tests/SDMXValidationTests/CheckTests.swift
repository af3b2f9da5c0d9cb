import SDMXModel
@testable import SDMXValidation
import Testing

/// Each check on its own: fed values directly, or the slots of a ``SlotTable`` filled from one
/// record against the Alliance's child-migration structure.
@Suite struct CheckTests {
    static let structure: ResolvedStructure = {
        do { return try DataValidatorTests.catalog().resolve(DataValidatorTests.dataflow) } catch {
            fatalError("\(error)")
        }
    }()

    /// A table holding one observation of `values` (overrides of a valid one), as the validator places it.
    func table(_ overrides: [String: String] = [:], dropping dropped: Set<String> = []) -> (
        SlotTable, UInt64, ObservationRecord
    ) {
        let table = SlotTable()
        table.startDataSet(Self.structure, checksEveryValue: false)
        let record = ObservationRecord()
        record.set(DataValidatorTests().observation(overrides).filter { !dropped.contains($0.id) })
        let (changed, _) = table.place(record, Self.structure, refresh: false)
        return (table, changed, record)
    }

    func slot(_ id: String) -> Int { Self.structure.index(of: id) ?? -1 }

    @Test func duplicateCheckTellsSameFromDifferentValuesAndForgottenRepeats() {
        var check = DuplicateCheck(recentLog2: 2)
        let periods = SeriesStates()
        periods.append(SeriesStates.State(generation: 0, stored: SeriesStates.notStored))
        let year = { (value: Int64) in TimePeriod.Ordinal(kind: 1, value: value) }
        #expect(check.repeatOf(series: 0, ordinal: year(2020), contentHash: 7, line: 2, in: periods) == nil)
        #expect(
            check.repeatOf(series: 0, ordinal: year(2020), contentHash: 7, line: 3, in: periods)
                == .sameValues(firstLine: 2))
        #expect(
            check.repeatOf(series: 0, ordinal: year(2020), contentHash: 8, line: 4, in: periods)
                == .differentValues(firstLine: 2))
        for value in 2021...2100 {
            _ = check.repeatOf(series: 0, ordinal: year(Int64(value)), contentHash: 1, line: 5, in: periods)
        }
        check.startDataSet()
        #expect(check.repeatOf(series: 0, ordinal: year(2020), contentHash: 7, line: 9, in: periods) == .longAgo)
        let same = DuplicateCheck.finding(.sameValues(firstLine: 2), key: "A.KEN", period: "2020", line: 3, column: 1)
        #expect(
            same.severity == .warning && same.code == .duplicateObservation && same.message.contains("first on line 2"))
        #expect(DuplicateCheck.finding(.longAgo, key: "A.KEN", period: "2020", line: 3, column: 1).severity == .error)
    }

    @Test func timePeriodCheckSaysWhatIsWrongWithAPeriod() {
        #expect(
            TimePeriodCheck.problem(nil, frequency: "A", id: "TIME_PERIOD", period: "2024-13", key: "K")?
                .contains("is not an SDMX time period") == true)
        let quarter = TimePeriod("2024-Q3")
        #expect(
            TimePeriodCheck.problem(quarter, frequency: "A", id: "TIME_PERIOD", period: "2024-Q3", key: "K")?
                .contains("does not match FREQ 'A'") == true)
        #expect(TimePeriodCheck.problem(quarter, frequency: "Q", id: "TIME_PERIOD", period: "2024-Q3", key: "K") == nil)
        #expect(TimePeriodCheck.problem(quarter, frequency: nil, id: "TIME_PERIOD", period: "2024-Q3", key: "K") == nil)
        let begin = TimePeriod("2024-01"), end = TimePeriod("2024-06")
        #expect(
            TimePeriodCheck.outside(TimePeriod("2023")!, begin: begin, end: end) == "before the header's ReportingBegin"
        )
        #expect(
            TimePeriodCheck.outside(TimePeriod("2024-Q4")!, begin: begin, end: end) == "after the header's ReportingEnd"
        )
        #expect(TimePeriodCheck.outside(TimePeriod("2024-03")!, begin: begin, end: end) == nil)
    }

    @Test func timePeriodCheckReportsAPeriodNotFittingFREQ() {
        var check = TimePeriodCheck()
        check.startDataSet(Self.structure)
        var collector = FindingCollector(maxFindings: 10)
        let (table, changed, _) = table(["FREQ": "A", "TIME_PERIOD": "2024-Q1"])
        let period = table.bytes(ofSlot: slot("TIME_PERIOD"))
        let (ordinal, _) = check.check(
            period, Self.structure, table, changed: changed, position: DataPosition(line: 4, column: 2),
            into: &collector)
        #expect(ordinal != nil)
        #expect(collector.findings.map(\.code) == [.invalidTimePeriod])
        #expect(collector.findings.first?.message.contains("does not match FREQ 'A'") == true)
        var header = DataMessageHeader()
        header.reportingBegin = ("soon", 3)
        check.header(header, into: &collector)
        #expect(collector.findings.last?.component == "ReportingBegin")
    }

    @Test func dimensionCheckReportsAMissingDimension() {
        var check = DimensionCheck()
        check.startDataSet(Self.structure)
        var collector = FindingCollector(maxFindings: 10)
        let (complete, changed, _) = table()
        check.check(
            Self.structure, complete, changed: changed, position: DataPosition(line: 2, column: 1), into: &collector)
        #expect(collector.findings.isEmpty)
        let (missing, changedAgain, _) = table(dropping: ["SEX"])
        check.check(
            Self.structure, missing, changed: changedAgain, position: DataPosition(line: 3, column: 1), into: &collector
        )
        #expect(
            collector.findings.map { "\($0.code.rawValue):\($0.component ?? "")@\($0.line)" } == [
                "MISSING_DIMENSION:SEX@3"
            ])
        #expect(collector.findings.first?.message.contains("dimension SEX is missing") == true)
    }

    @Test func attributeCheckReportsAMissingMandatoryAttribute() {
        var check = AttributeCheck()
        check.startDataSet(Self.structure)
        check.startDataSet(line: 1)
        var collector = FindingCollector(maxFindings: 10)
        let (table, changed, _) = table(["OBS_STATUS": ""])
        check.check(
            Self.structure, table, changed: changed, position: DataPosition(line: 5, column: 1), into: &collector)
        #expect(collector.findings.map(\.code) == [.missingAttribute])
        #expect(collector.findings.first?.component == "OBS_STATUS")
        #expect(collector.findings.first?.message.contains("mandatory attribute OBS_STATUS is missing") == true)
    }

    @Test func valueCheckReportsAWrongCodeWithASuggestionAndABadNumber() {
        var check = ValueCheck()
        let checkers = Self.structure.components.map { ComponentChecker($0) }
        check.startDataSet(Self.structure, checkers: checkers, componentIDs: Self.structure.components.map(\.id))
        var collector = FindingCollector(maxFindings: 10)
        var unknown = UnknownComponentCheck()
        let (table, changed, record) = table(["REF_AREA": "KE", "OBS_VALUE": "ten", "EXTRA": "1"])
        check.forget(changed)
        check.check(
            record, at: DataPosition(line: 6, column: 1), Self.structure, table, checkEvery: false, unknown: &unknown,
            into: &collector)
        let found = collector.findings.map { "\($0.code.rawValue):\($0.component ?? "")" }
        #expect(found.sorted() == ["INVALID_CODE:REF_AREA", "INVALID_VALUE:OBS_VALUE", "UNKNOWN_COMPONENT:EXTRA"])
        #expect(collector.findings.contains { $0.message.contains("did you mean KEN?") })
    }

    @Test func unknownComponentIsReportedOncePerLevel() {
        var check = UnknownComponentCheck()
        check.startDataSet(customColumnsAllowed: true)
        var collector = FindingCollector(maxFindings: 10)
        for line in 2...3 {
            check.report(
                ComponentValue(id: "NOTE", value: "x", column: 9), at: DataPosition(line: line, column: 1),
                level: "observation",
                structure: Self.structure, into: &collector)
        }
        #expect(collector.findings.map(\.severity) == [.warning])
    }

    @Test func recordProblemCheckReportsABrokenRecordOnItsLine() {
        var collector = FindingCollector(maxFindings: 10)
        RecordProblemCheck.report(.fieldCount(5), at: DataPosition(line: 7, column: 5), into: &collector)
        RecordProblemCheck.report(
            .text("field 3 text is not valid UTF-8"), at: DataPosition(line: 8, column: 0), into: &collector)
        #expect(collector.findings.map(\.code) == [.malformedInput, .malformedInput])
        #expect(collector.findings.map(\.line) == [7, 8])
        #expect(collector.findings[0].message.contains("has 5 fields") && collector.findings[0].column == 5)
        #expect(collector.findings[1].message == "the record's field 3 text is not valid UTF-8")
    }

    @Test func repeatedComponentCheckAcceptsTheSameValueAndReportsAnother() {
        let same = RepeatedComponentCheck.conflict(
            id: "REF_AREA", inherited: "KEN", from: "series", value: "KEN", level: "observation", line: 4, column: 9)
        #expect(same == nil)
        let other = RepeatedComponentCheck.conflict(
            id: "REF_AREA", inherited: "KEN", from: "series", value: "UGA", level: "observation", line: 4, column: 9)
        #expect(other?.code == .duplicateComponent && other?.line == 4 && other?.component == "REF_AREA")
        let unset = RepeatedComponentCheck.conflict(
            id: "REF_AREA", inherited: "", from: "series", value: "UGA", level: "observation", line: 4, column: 9)
        #expect(unset == nil)
    }

    @Test func constraintCheckNeedsAConstraintToReport() {
        var check = ConstraintCheck()
        check.startDataSet(nil, componentIDs: [])
        var collector = FindingCollector(maxFindings: 10)
        let (table, changed, _) = table(["REF_AREA": "ZZZ"])
        check.check(
            Self.structure, table, changed: changed, position: DataPosition(line: 2, column: 1), into: &collector)
        #expect(collector.findings.isEmpty)
    }

    @Test func tallyCountsPeriodsAndAreas() {
        var tally = ObservationTally()
        tally.startDataSet(Self.structure)
        for (area, period) in [("KEN", "2024"), ("KEN", "2024"), ("UGA", "2023")] {
            var text = period
            text.withUTF8 { tally.count(period: $0, packed: nil) }
            tally.countArea(area)
        }
        #expect(tally.byPeriod == ["2024": 2, "2023": 1])
        #expect(tally.byArea == ["KEN": 2, "UGA": 1])
    }
}

@Suite struct FindingTextTests {
    @Test func longValuesAreCutInListedFindings() {
        var collector = FindingCollector(maxFindings: 10)
        let huge = String(repeating: "K", count: 1_000_000)
        collector.add(
            Finding(
                code: .invalidCode, message: "REF_AREA value '\(huge)' is not in code list", line: 2, column: 5,
                component: "REF_AREA", value: huge))
        let listed = collector.findings[0]
        #expect(listed.message.count < 1_100 && listed.message.hasSuffix("bytes)"))
        #expect(listed.value?.count ?? 0 < 1_100 && listed.value?.hasSuffix("(1000000 bytes)") == true)
        #expect(collector.errors == 1)
    }
}
