import SDMXModel
import SDMXValidation

/// The portal's check that an office sends only its own country's figures: every observation whose
/// REF_AREA (its own, its series' or its dataset's, after harmonisation) is another country is an
/// `OTHER_COUNTRY` error naming that country. An observation without REF_AREA is one too: in a Delete
/// dataset a key without it is a partial key that would delete every country's observations.
final class AreaCheck: DataHandler {
    static let component = "REF_AREA"
    private let country: String
    private let report: (Finding) -> Void
    private var dataSetArea: String?
    private var seriesArea: String?

    init(country: String, report: @escaping (Finding) -> Void) {
        self.country = country
        self.report = report
    }

    func header(_ header: DataMessageHeader) throws {}

    func startDataSet(_ dataSet: DataSetStart) throws {
        dataSetArea = Self.area(in: dataSet.values)
        seriesArea = nil
    }

    func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {}

    func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        seriesArea = Self.area(in: values)
    }

    func observation(values: [ComponentValue], at position: DataPosition) throws {
        let area = Self.area(in: values) ?? seriesArea ?? dataSetArea
        guard area != country else { return }
        let period = values.first { $0.id == "TIME_PERIOD" }?.value
        let message =
            area.map { "this observation is for \($0), not \(country): an office sends its own country's figures only" }
            ?? "this observation (or deletion) names no REF_AREA: an office's observations and deletions name its "
            + "country, \(country)"
        report(
            Finding(
                code: .otherCountry, message: message, line: position.line, column: position.column,
                component: Self.component, value: area, timePeriod: period))
    }

    func endSeries() throws { seriesArea = nil }
    func endDataSet() throws { dataSetArea = nil }

    private static func area(in values: [ComponentValue]) -> String? {
        values.last { $0.id == component }?.value
    }
}
