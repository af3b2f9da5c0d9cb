import IDACSubmission
import AllianceRepository
import Foundation
import SDMXModel

/// What the Alliance knows and does not know about children on the move, country by country and
/// indicator by indicator, for a period: computed from the repository in one pass.
public struct GapAnalysis {
    /// The repository whose stored observations are mapped.
    public var repository: AllianceRepository
    /// The structures that resolve the dataflow: its dimensions and the code lists of indicators and areas.
    public var catalog: StructureCatalog

    /// Makes an analysis over `repository`, resolving dataflows in `catalog`.
    public init(repository: AllianceRepository, catalog: StructureCatalog) {
        self.repository = repository
        self.catalog = catalog
    }

    /// Which countries make the rows.
    public enum Countries: Sendable {
        /// Those that have ever transmitted for the dataflow.
        case reporting
        /// These, and those that have ever transmitted.
        case named([String])
        /// Every country of the reference-area code list.
        case all
    }

    /// Stocks of refugee and displaced children: a cell with data but no age or sex breakdown is a gap worth naming.
    static let stockIndicators: Set<String> = [
        "MG_RFGS_CNTRY_ASYLM", "MG_INTERNAL_DISP_PERS", "MG_ASYLM_CNTRY_ASYLM", "MG_INTNL_MG_CNTRY_DEST",
    ]

    /// Maps the dataflow's stored observations for `period` (a year, quarter, semester or month) and the period before,
    /// one row per country of `countries` and one column per INDICATOR code. Throws when the dataflow does not resolve,
    /// has no REF_AREA or INDICATOR dimension, or the period is not of those forms.
    public func analyse(dataflow reference: ArtefactReference, period: String, countries: Countries) throws -> GapReport
    {
        let structure = try catalog.resolve(reference)
        guard let window = PeriodWindow(period) else {
            throw SDMXError(.invalidStructure, "--period takes a year (2025) or a quarter (2025-Q3), not '\(period)'")
        }
        let previous = window.previous
        let dimensionIDs = structure.dimensionIndices.map { structure.components[$0].id }
        func position(_ id: String) -> Int? { dimensionIDs.firstIndex(of: id) }
        guard let areaPosition = position("REF_AREA"), let indicatorPosition = position("INDICATOR") else {
            throw SDMXError(
                .invalidStructure, "\(structure.name) has no REF_AREA and INDICATOR dimensions to map gaps by")
        }
        let sexPosition = position("SEX"), agePosition = position("AGE")
        let accompanimentPosition = position("ACCOMPANIMENT"), originPosition = position("COUNTRY_ORIGIN")
        let indicatorIndex = structure.dimensionIndices[indicatorPosition]
        let indicators = structure.components[indicatorIndex].codelist?.codes.map(\.id) ?? []

        var accumulators: [String: CellAccumulator] = [:]
        var previousCells = Set<String>()
        let flow = structure.name
        try repository.forEachObservationSummary(dataflow: flow) { observation in
            guard let parsed = TimePeriod(observation.period) else { return }
            let inWindow = window.contains(parsed), inPrevious = previous.contains(parsed)
            guard inWindow || inPrevious else { return }
            let parts = observation.seriesKey.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == dimensionIDs.count else { return }
            let key = "\(parts[areaPosition])|\(parts[indicatorPosition])"
            if inPrevious {
                previousCells.insert(key)
                return
            }
            accumulators[key, default: CellAccumulator()].add(
                parts: parts, period: parsed, periodText: observation.period, value: observation.value,
                status: Self.attribute("OBS_STATUS", in: observation.attributesJSON),
                firstDelivered: observation.firstDelivered, versions: observation.versions,
                positions: (sexPosition, agePosition, accompanimentPosition, originPosition))
        }

        var rows: [String]
        let reporting = try repository.reportingAreas(dataflow: flow)
        switch countries {
        case .reporting: rows = reporting
        case .named(let named): rows = Array(Set(reporting + named)).sorted()
        case .all:
            rows =
                structure.components[structure.dimensionIndices[areaPosition]].codelist?.codes.map(\.id)
                .filter { !$0.hasPrefix("_") } ?? reporting
        }
        let cells = rows.map { country in
            indicators.map { indicator in
                accumulators["\(country)|\(indicator)"]?.cell(
                    country: country, indicator: indicator,
                    dimensions: (sexPosition, agePosition, accompanimentPosition, originPosition))
                    ?? GapCell.empty(country: country, indicator: indicator)
            }
        }
        return GapReport(
            dataflow: flow, period: period, previousPeriod: previous.text, countries: rows, indicators: indicators,
            cells: cells, previousCells: previousCells)
    }

    /// `"OBS_STATUS":"E"` out of the stored attributes, without decoding the whole object.
    static func attribute(_ id: String, in json: String) -> String? {
        guard let range = json.range(of: "\"\(id)\":\"") else { return nil }
        let rest = json[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

/// A year or a quarter, and the periods that fall within it.
struct PeriodWindow {
    let text: String
    let first: Int64
    let last: Int64

    init?(_ text: String) {
        guard let period = TimePeriod(text) else { return nil }
        switch period {
        case .year, .reporting(_, .quarter, _), .reporting(_, .year, _), .reporting(_, .semester, _), .yearMonth: break
        default: return nil
        }
        self.text = text
        first = period.startDay
        last = period.endDay
    }

    func contains(_ period: TimePeriod) -> Bool {
        period.startDay >= first && period.endDay <= last
    }

    /// The year or quarter before.
    var previous: PeriodWindow {
        guard let period = TimePeriod(text) else { return self }
        let earlier: String
        switch period {
        case .year(let year): earlier = String(year - 1)
        case .reporting(let year, .quarter, let index):
            earlier = index == 1 ? "\(year - 1)-Q4" : "\(year)-Q\(index - 1)"
        case .reporting(let year, let type, let index): earlier = "\(year - 1)-\(type.rawValue)\(index)"
        case .yearMonth(let year, let month):
            earlier = month == 1 ? "\(year - 1)-12" : String(format: "%04d-%02d", year, month - 1)
        default: earlier = text
        }
        return PeriodWindow(earlier) ?? self
    }
}

/// What one country × indicator cell gathers while the observations stream past.
struct CellAccumulator {
    var observations = 0
    var latest: (Int64, String)?
    var sexes = Set<Substring>()
    var ages = Set<Substring>()
    var accompaniments = Set<Substring>()
    var origins = Set<Substring>()
    var estimated = 0, provisional = 0, imputed = 0, missing = 0
    var delays: [Int] = []
    var revised = 0

    mutating func add(
        parts: [Substring], period: TimePeriod, periodText: String, value: String, status: String?,
        firstDelivered: String, versions: Int, positions: (Int?, Int?, Int?, Int?)
    ) {
        observations += 1
        if latest == nil || period.endDay > latest?.0 ?? 0 { latest = (period.endDay, periodText) }
        if let sex = positions.0 { sexes.insert(parts[sex]) }
        if let age = positions.1 { ages.insert(parts[age]) }
        if let accompaniment = positions.2 { accompaniments.insert(parts[accompaniment]) }
        if let origin = positions.3, origins.count < 8 { origins.insert(parts[origin]) }
        switch status {
        case "E"?: estimated += 1
        case "P"?: provisional += 1
        case "I"?: imputed += 1
        case "M"?, "L"?, "O"?, "Q"?: missing += 1
        default: if value.isEmpty { missing += 1 }
        }
        if let delivered = TimePeriod(String(firstDelivered.prefix(10))) {
            delays.append(Int(delivered.startDay - period.endDay))
        }
        if versions > 1 { revised += 1 }
    }

    func cell(country: String, indicator: String, dimensions: (Int?, Int?, Int?, Int?)) -> GapCell {
        let share = { (count: Int) in observations == 0 ? 0 : Double(count) / Double(observations) }
        let age: GapCell.AgeBreakdown
        if dimensions.1 == nil {
            age = .notApplicable
        } else if Set(["Y0T4", "Y5T9", "Y10T14", "Y15T17"]).isSubset(of: ages.map(String.init))
            || Set(["Y0T4", "Y5T11", "Y12T17"]).isSubset(of: ages.map(String.init))
        {
            age = .bands
        } else if ages.contains(where: { !["Y0T17", "_T", "_U"].contains(String($0)) }) {
            age = .partial
        } else {
            age = .totalOnly
        }
        let sorted = delays.sorted()
        return GapCell(
            country: country, indicator: indicator, observations: observations, latestPeriod: latest?.1,
            sex: dimensions.0 == nil ? nil : (sexes.contains("F") && sexes.contains("M")),
            age: age,
            accompaniment: dimensions.2 == nil
                ? nil : (accompaniments.contains("UNACC") || accompaniments.contains("SEP")),
            origin: dimensions.3 == nil ? nil : origins.contains { !["_T", "_U", "_Z"].contains(String($0)) },
            estimatedShare: share(estimated), provisionalShare: share(provisional), imputedShare: share(imputed),
            missingShare: share(missing), timelinessDays: sorted.isEmpty ? nil : sorted[sorted.count / 2],
            revisedShare: share(revised))
    }
}
