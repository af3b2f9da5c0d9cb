import SDMXModel

/// INVALID_TIME_PERIOD: the period's syntax, its match with the series' FREQ, and (as warnings)
/// periods outside the header's ReportingBegin and ReportingEnd (reported once per series).
///
/// It also gives each observation's period the ordinal duplicate detection and the rules compare:
/// the commonest forms, when they fit FREQ and no header period asks for the parsed one, give it
/// straight from the bytes without parsing (what the full parse and check would find).
struct TimePeriodCheck {
    private var reportingBegin: TimePeriod?
    private var reportingEnd: TimePeriod?
    private var freqIndex: Int?
    private var cachedFrequencyLetter: UInt8?
    private var frequencyLetterKnown = false
    /// Series already told that they lie outside the header's period.
    private var reportedOutside: Set<String> = []

    /// Reads the header's reporting period; one that is not a period is reported and ignored.
    mutating func header(_ header: DataMessageHeader, into collector: inout FindingCollector) {
        func period(_ entry: (value: String, line: Int)?, _ name: String) -> TimePeriod? {
            guard let entry else { return nil }
            if let parsed = TimePeriod(entry.value) { return parsed }
            collector.add(
                Finding(
                    code: .invalidTimePeriod,
                    message:
                        "the header's \(name) '\(entry.value)' is not an SDMX time period; write it like 2024-01-01",
                    line: entry.line, column: 0, component: name, value: entry.value))
            return nil
        }
        reportingBegin = period(header.reportingBegin, "ReportingBegin")
        reportingEnd = period(header.reportingEnd, "ReportingEnd")
    }

    mutating func startDataSet() {
        reportedOutside.removeAll()
    }

    mutating func startDataSet(_ structure: ResolvedStructure) {
        freqIndex = structure.index(of: "FREQ").flatMap { structure.components[$0].isDimension ? $0 : nil }
        frequencyLetterKnown = false
    }

    /// Checks the observation's period (`period`: its bytes, nil when it has none); returns its
    /// ordinal, and the period parsed when the quick way was not taken and it parses.
    @inline(__always)
    mutating func check(
        _ period: UnsafeBufferPointer<UInt8>?, _ structure: ResolvedStructure, _ table: SlotTable, changed: UInt64,
        position: DataPosition, into collector: inout FindingCollector
    )
        -> (ordinal: TimePeriod.Ordinal?, parsed: TimePeriod?)
    {
        if let period, reportingBegin == nil, reportingEnd == nil, let quick = TimePeriod.quickOrdinal(period),
            frequencyLetter(table, changed: changed).map({ $0 == quick.frequency }) ?? true
        {
            return (quick.ordinal, nil)
        }
        let parsed = period.flatMap {
            checkSyntaxAndFrequency(structure, table, period: $0, position: position, into: &collector)
        }
        return (period.map { Self.ordinal(of: $0, parsed: parsed) }, parsed)
    }

    /// Checks the period's form and its match with FREQ; returns it parsed when it parses.
    private func checkSyntaxAndFrequency(
        _ structure: ResolvedStructure, _ table: SlotTable, period bytes: UnsafeBufferPointer<UInt8>,
        position: DataPosition, into collector: inout FindingCollector
    ) -> TimePeriod? {
        guard let timeIndex = structure.timeIndex else { return nil }
        let parsed = TimePeriod(bytes: bytes)
        let frequency = freqIndex.flatMap { table.text(ofSlot: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        if let parsed, frequency.map({ parsed.matches(frequency: $0) }) ?? true { return parsed }
        let period = table.periodText(structure) ?? ""
        let key = table.messageKey(structure)
        let id = structure.components[timeIndex].id
        let column = table.column(timeIndex, else: position)
        if let problem = Self.problem(parsed, frequency: frequency, id: id, period: period, key: key) {
            collector.add(
                Finding(
                    code: .invalidTimePeriod, message: problem, line: position.line, column: column, component: id,
                    value: period, key: key, timePeriod: period))
        }
        return parsed
    }

    /// The message for a period that does not parse (`parsed` nil) or does not fit `frequency`; nil when it is fine.
    static func problem(_ parsed: TimePeriod?, frequency: String?, id: String, period: String, key: String) -> String? {
        guard let parsed else {
            return
                "\(id) '\(period)' is not an SDMX time period (series \(key)); write it like 2024, 2024-Q3 or 2024-07"
        }
        guard let frequency, !parsed.matches(frequency: frequency) else { return nil }
        let example =
            TimePeriod.example(forFrequency: frequency).map { "; with FREQ \(frequency) write periods like \($0)" }
            ?? ""
        return "\(id) '\(period)' does not match FREQ '\(frequency)' (series \(key))\(example)"
    }

    /// Observations outside the period the header declares are reported (as warnings).
    mutating func checkReportingPeriod(
        _ parsed: TimePeriod?, _ structure: ResolvedStructure, _ table: SlotTable, position: DataPosition,
        into collector: inout FindingCollector
    ) {
        guard let parsed, reportingBegin != nil || reportingEnd != nil else { return }
        guard let side = Self.outside(parsed, begin: reportingBegin, end: reportingEnd) else { return }
        let key = table.messageKey(structure)
        guard reportedOutside.insert(key).inserted else { return }
        let period = table.periodText(structure)
        collector.add(
            Finding(
                code: .invalidTimePeriod, severity: .warning,
                message: "period \(period ?? "") of series \(key) lies \(side) "
                    + "(reported once per series); correct the period or the header",
                line: position.line, column: position.column, key: key, timePeriod: period))
    }

    /// Where a period lies outside the reporting period ("before the header's ReportingBegin", …); nil: inside.
    static func outside(_ period: TimePeriod, begin: TimePeriod?, end: TimePeriod?) -> String? {
        if begin.map({ period.endDay < $0.startDay }) ?? false { return "before the header's ReportingBegin" }
        if end.map({ period.startDay > $0.endDay }) ?? false { return "after the header's ReportingEnd" }
        return nil
    }

    /// FREQ's value when it is one byte (A, Q, M, …), 0 when it is something else, nil when the
    /// structure has no FREQ or the observation none: kept until FREQ's slot changes.
    private mutating func frequencyLetter(_ table: SlotTable, changed: UInt64) -> UInt8? {
        guard let freqIndex else { return nil }
        if SlotChanges.changed(freqIndex, in: changed) || !frequencyLetterKnown {
            frequencyLetterKnown = true
            if let frequency = table.text(ofSlot: freqIndex), !frequency.isEmpty {
                let utf8 = frequency.utf8
                cachedFrequencyLetter = utf8.count == 1 ? utf8.first : 0
            } else {
                cachedFrequencyLetter = nil
            }
        }
        return cachedFrequencyLetter
    }

    /// A period as duplicate detection and the rules compare it: regular periods by their ordinal;
    /// periods finer than a day, ranges and malformed text by a hash of their text.
    static func ordinal(of period: UnsafeBufferPointer<UInt8>, parsed: TimePeriod?) -> TimePeriod.Ordinal {
        switch parsed {
        case .year?, .yearMonth?, .day?, .reporting?: parsed?.ordinal ?? TimePeriod.Ordinal(kind: 0, value: 0)
        default:
            TimePeriod.Ordinal(
                kind: 255,
                value: Int64(truncatingIfNeeded: TimePeriod.stableHash(String(decoding: period, as: UTF8.self))))
        }
    }
}
