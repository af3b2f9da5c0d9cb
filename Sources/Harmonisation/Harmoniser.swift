import SDMXModel

/// Makes a submission comparable as it streams, between a reader and whatever comes next (the
/// validator, a writer): country codes to ISO alpha-3, national age bands to the Alliance's, values
/// in thousands or millions to units, and missing markers to an empty value with a status.
///
/// Age bands that are parts of an Alliance band (`Y_LT1` and `Y1-4` of `Y0T4`) are held back and
/// summed once the dataset has been read; a band that straddles the Alliance's is reported and dropped.
public final class Harmoniser: DataHandler {
    /// Something harmonisation could not do: where, which component and value, and why.
    public struct Issue: Sendable {
        /// What went wrong, as stable kinds that reports give codes of their own.
        public enum Kind: Sendable {
            /// An age band the maps do not list and that cannot be read as a range.
            case unknownAgeBand
            /// A band that overlaps two of the Alliance's bands: mapping it would be a guess.
            case straddlingAgeBand
            /// Parts of an Alliance band that do not cover it exactly once, so cannot be summed.
            case incompleteAgeBands
        }

        /// What went wrong.
        public var kind: Kind
        /// What went wrong and what to do, in words for the reporter.
        public var message: String
        /// Where the observation (or, for parts not summed, the first of them) was read.
        public var position: DataPosition
        /// The component concerned (`AGE` for every kind so far).
        public var component: String
        /// The value as reported; for parts not summed, their codes joined by `+`.
        public var value: String
    }

    private let next: any DataHandler
    private let maps: HarmonisationMaps
    private let report: (Issue) -> Void

    /// The Alliance's age bands, by code, and the ones partitions are made of.
    static let allianceBands: [String: AgeBand] = [
        "Y0T17": AgeBand(lower: 0, upper: 17), "Y0T4": AgeBand(lower: 0, upper: 4), "Y5T9": AgeBand(lower: 5, upper: 9),
        "Y10T14": AgeBand(lower: 10, upper: 14), "Y15T17": AgeBand(lower: 15, upper: 17),
        "Y5T11": AgeBand(lower: 5, upper: 11),
        "Y12T17": AgeBand(lower: 12, upper: 17), "Y0T13": AgeBand(lower: 0, upper: 13),
        "Y14T17": AgeBand(lower: 14, upper: 17),
        "Y_GE18": AgeBand(lower: 18, upper: AgeBand.open),
    ]
    static let missingMarkers: Set<String> = ["..", "-", "NaN", "#N/A", ""]
    static let areaComponents: Set<String> = ["REF_AREA", "COUNTRY_ORIGIN"]
    /// Components that belong to one observation, not to its key (left out when grouping age parts).
    static let observationComponents: Set<String> = [
        "AGE", "OBS_VALUE", ComponentValue.primaryMeasureID, "OBS_STATUS", "CONF_STATUS", "OBS_FOOTNOTE", "LOWER_BOUND",
        "UPPER_BOUND",
    ]

    private var dataSetValues: [ComponentValue] = []
    private var seriesValues: [ComponentValue] = []
    private var inSeries = false
    private var seriesMultiplier = 0
    private var buffer: [ComponentValue] = []
    /// What each observation value is to the harmoniser, by its position (``ValueRole``).
    private var roles = PositionalLookup(ValueRole.init(id:))
    /// Age parts held back: by group key (the other values) and Alliance band.
    private var parts: [String: PartGroup] = [:]
    private var partOrder: [String] = []

    struct PartGroup {
        var target: String
        var values: [ComponentValue]
        var position: DataPosition
        var amounts: [String]
        var bands: [AgeBand]
        var codes: [String]
    }

    /// Makes a harmoniser that passes harmonised events to `next` and tells `report` what it could not harmonise.
    public init(next: any DataHandler, maps: HarmonisationMaps, report: @escaping (Issue) -> Void) {
        self.next = next
        self.maps = maps
        self.report = report
    }

    /// Passes the header on unchanged.
    public func header(_ header: DataMessageHeader) throws { try next.header(header) }
    /// Passes the footer on unchanged.
    public func footer(_ messages: [FooterMessage]) throws { try next.footer(messages) }
    /// Passes the reader's record problem on unchanged.
    public func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws {
        try next.recordProblem(problem, at: position)
    }

    /// Maps the dataset-level area codes, forgets the age parts of the dataset before, and passes the start on.
    public func startDataSet(_ dataSet: DataSetStart) throws {
        var start = dataSet
        dataSetValues = dataSet.values.map(harmoniseCode)
        start.values = dataSetValues
        parts.removeAll()
        partOrder.removeAll()
        try next.startDataSet(start)
    }

    /// Maps the group's area codes and passes it on.
    public func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {
        try next.group(id: id, values: values.map(harmoniseCode), at: position)
    }

    /// Maps the series' area codes and takes its UNIT_MULT (within ±30) for its observations, passing it on as `0`.
    public func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        inSeries = true
        seriesMultiplier = 0
        seriesValues = values.map(harmoniseCode)
        if let index = seriesValues.firstIndex(where: { $0.id == "UNIT_MULT" }),
            let power = Self.multiplier(seriesValues[index].value)
        {
            seriesMultiplier = power
            seriesValues[index].value = "0"
        }
        try next.startSeries(values: seriesValues, at: position)
    }

    /// The largest power of ten a UNIT_MULT may apply (SDMX's code list stops at 24).
    static let largestMultiplier = 30

    /// The power a UNIT_MULT value applies, when there is one to apply. Beyond ±``largestMultiplier``
    /// it is left as given, for the validator to report: `900000000` took 172 s and 15 GB writing zeros,
    /// and `-9223372036854775808` overflowed.
    static func multiplier(_ text: String) -> Int? {
        guard let power = Int(text), power != 0, (-largestMultiplier...largestMultiplier).contains(power) else {
            return nil
        }
        return power
    }

    /// Ends the series (and its UNIT_MULT) and passes the end on.
    public func endSeries() throws {
        inSeries = false
        seriesMultiplier = 0
        try next.endSeries()
    }

    /// Harmonises one observation: area codes, the value scaled by UNIT_MULT, a missing marker (`..`, `-`, `NaN`,
    /// `#N/A`) made an empty value with OBS_STATUS `O`, and the age band mapped. A part of an Alliance band is held
    /// back for summing, and a straddling band is dropped; the rest go on to the next handler.
    public func observation(values: [ComponentValue], at position: DataPosition) throws {
        buffer.removeAll(keepingCapacity: true)
        var multiplier = inSeries ? seriesMultiplier : 0
        var statusGiven = false
        var measureIndex: Int?
        var ageIndex: Int?
        for (position, given) in values.enumerated() {
            var value = given
            switch roles.answer(for: value.id, at: position) {
            case .area:
                value = harmoniseArea(value)
            case .unitMultiplier:
                if let power = Self.multiplier(value.value) {
                    multiplier = power
                    value.value = "0"
                }
            case .status:
                statusGiven = !value.value.isEmpty
            case .measure:
                measureIndex = buffer.count
            case .age:
                if ageIndex == nil { ageIndex = buffer.count }
            case .other:
                break
            }
            buffer.append(value)
        }
        if let measureIndex {
            let raw = buffer[measureIndex].value.trimmingSpaces()
            // A number (it starts with a digit) is no missing marker: the set is not consulted for it.
            let startsWithDigit = raw.utf8.first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
            if !startsWithDigit, Self.missingMarkers.contains(raw) {
                buffer[measureIndex].value = ""
                if !statusGiven {
                    if let status = buffer.firstIndex(where: { $0.id == "OBS_STATUS" }) {
                        buffer[status].value = "O"
                    } else {
                        buffer.append(ComponentValue(id: "OBS_STATUS", value: "O", column: buffer[measureIndex].column))
                    }
                }
            } else if multiplier != 0, let shifted = DecimalArithmetic.shift(raw, by: multiplier) {
                buffer[measureIndex].value = shifted
            }
        }
        if let ageIndex, try !harmoniseAge(at: ageIndex, position: position) {
            return
        }
        try next.observation(values: buffer, at: position)
    }

    /// Sums the age parts held back (each group that covers its Alliance band exactly once), passes them on, then ends
    /// the dataset.
    public func endDataSet() throws {
        try emitSummedParts()
        try next.endDataSet()
    }

    // MARK: Codes

    private func harmoniseCode(_ value: ComponentValue) -> ComponentValue {
        guard Self.areaComponents.contains(value.id) else { return value }
        return harmoniseArea(value)
    }

    /// Maps a country code that is not already alpha-3 (an M49 number, an alpha-2 or a name in the maps).
    private func harmoniseArea(_ value: ComponentValue) -> ComponentValue {
        guard value.value.utf8.count != 3 || Int(value.value) != nil, let mapped = maps.area(value.value)
        else { return value }
        var copy = value
        copy.value = mapped
        return copy
    }

    /// Renames the band, holds back a part for summing (returns false), or drops a straddling band.
    private func harmoniseAge(at index: Int, position: DataPosition) throws -> Bool {
        let code = buffer[index].value
        if Self.allianceBands[code] != nil || code == "_T" || code == "_U" || code.isEmpty { return true }
        let mapped = maps.ageBands.target(for: code)
        let band = AgeBand(code: code)
        if let mapped, let band, let target = Self.allianceBands[mapped], band != target, target.contains(band) {
            holdPart(code: code, band: band, target: mapped, position: position)
            return false
        }
        if let mapped {
            buffer[index].value = mapped
            return true
        }
        guard let band else {
            report(
                Issue(
                    kind: .unknownAgeBand,
                    message:
                        "AGE band '\(code)' is not one the maps know (\(maps.ageBands.name)); add it there, with the Alliance band it is",
                    position: position, component: "AGE", value: code))
            return true
        }
        if let exact = Self.allianceBands.first(where: { $0.value == band })?.key {
            buffer[index].value = exact
            return true
        }
        // The smallest Alliance band holding it: the band is a part to be summed into it.
        let holders = Self.allianceBands.filter {
            $0.value.contains(band) && $0.key != "Y0T17" && $0.key != "Y0T13" && $0.key != "Y_GE18"
        }
        if let holder = holders.min(by: {
            ($0.value.upper - $0.value.lower, $0.key) < ($1.value.upper - $1.value.lower, $1.key)
        }) {
            holdPart(code: code, band: band, target: holder.key, position: position)
            return false
        }
        report(
            Issue(
                kind: .straddlingAgeBand,
                message:
                    "AGE band '\(code)' (ages \(band.description)) straddles the Alliance's bands, so it cannot be mapped "
                    + "without guessing; the observation is left out. Report the Alliance's bands (Y0T4, Y5T9, Y10T14, Y15T17 or Y5T11, Y12T17)",
                position: position, component: "AGE", value: code))
        return false
    }

    private func holdPart(code: String, band: AgeBand, target: String, position: DataPosition) {
        var merged = inSeries ? seriesValues : dataSetValues
        for value in buffer {
            if let existing = merged.firstIndex(where: { $0.id == value.id }) {
                merged[existing] = value
            } else {
                merged.append(value)
            }
        }
        let key =
            target + "|"
            + merged.filter { !Self.observationComponents.contains($0.id) }
            .map { "\($0.id)=\($0.value)" }.sorted().joined(separator: "|")
        let amount = merged.first { $0.id == "OBS_VALUE" || $0.id == ComponentValue.primaryMeasureID }?.value ?? ""
        if parts[key] == nil {
            parts[key] = PartGroup(
                target: target, values: merged, position: position, amounts: [], bands: [], codes: [])
            partOrder.append(key)
        }
        parts[key]?.amounts.append(amount)
        parts[key]?.bands.append(band)
        parts[key]?.codes.append(code)
    }

    /// Sums each group of parts whose bands cover their Alliance band exactly once.
    private func emitSummedParts() throws {
        for key in partOrder {
            guard let group = parts[key], let target = Self.allianceBands[group.target] else { continue }
            let sorted = group.bands.sorted { $0.lower < $1.lower }
            var expected = target.lower
            var partition = true
            for band in sorted {
                if band.lower != expected { partition = false }
                expected = band.upper + 1
            }
            partition = partition && expected == target.upper + 1
            let listed = zip(group.codes, group.bands).map { "\($0.0) (\($0.1.description))" }.joined(separator: ", ")
            guard partition else {
                report(
                    Issue(
                        kind: .incompleteAgeBands,
                        message:
                            "AGE bands \(listed) do not cover \(group.target) (ages \(target.description)) exactly once, "
                            + "so they cannot be summed into it; report \(group.target) itself or all its parts",
                        position: group.position, component: "AGE", value: group.codes.joined(separator: "+")))
                continue
            }
            var values = group.values
            if let age = values.firstIndex(where: { $0.id == "AGE" }) { values[age].value = group.target }
            if let measure = values.firstIndex(where: {
                $0.id == "OBS_VALUE" || $0.id == ComponentValue.primaryMeasureID
            }) {
                let amounts = group.amounts.filter { !$0.isEmpty }
                values[measure].value =
                    amounts.count == group.amounts.count ? (DecimalArithmetic.sum(amounts) ?? "") : ""
            }
            try next.observation(values: values, at: group.position)
        }
        parts.removeAll()
        partOrder.removeAll()
    }
}
