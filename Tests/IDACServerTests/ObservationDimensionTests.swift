import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACPipeline
import IDACServer
import IDACSubmission
import SDMXModel
import TestSupport
import Testing

/// `dimensionAtObservation` naming a dimension other than the time: series keyed by the other dimensions and
/// TIME_PERIOD, that dimension on each observation, in every SDMX-ML representation; the observations are
/// exactly those of the SDMX-CSV answer.
@Suite struct ObservationDimensionTests {
    static let flow = "/rest/data/DF_CHILD_MIGRATION/all"
    static let ss21: HTTPFields = [.accept: "application/vnd.sdmx.structurespecificdata+xml;version=2.1"]
    static let generic: HTTPFields = [.accept: "application/vnd.sdmx.genericdata+xml;version=2.1"]
    static let xml30: HTTPFields = [.accept: "application/vnd.sdmx.data+xml;version=3.0.0"]

    /// The sample: SEX is F, M and _T in one country of origin's series, _T alone in the other's, four
    /// quarters each: 16 observations in 8 series of (key without SEX, quarter).
    @Test func structureSpecificSeriesAreKeyedByTheOtherDimensionsAndTime() async throws {
        try await ServiceFixture().withClient { client in
            let expected = try await Self.csvAnswer(client)
            #expect(expected.count == 16)
            for headers in [Self.ss21, Self.xml30] {
                let body = try await client.execute(
                    uri: Self.flow + "?dimensionAtObservation=SEX", method: .get, headers: headers
                ) { response in
                    #expect(response.status == .ok)
                    return response.text
                }
                #expect(body.contains("dimensionAtObservation=\"SEX\""))
                #expect(body.contains("ObsLevelDim:SEX\""))
                let series = Self.elements("Series", in: body)
                #expect(series.count == 8)
                #expect(series.allSatisfy { $0["TIME_PERIOD"] != nil && $0["SEX"] == nil })
                #expect(Self.elements("Obs", in: body).allSatisfy { $0["SEX"] != nil && $0["TIME_PERIOD"] == nil })
                #expect(Self.structureSpecificObservations(body) == expected)
                // idac's own reader takes the answer back whole, without a finding.
                let path = try TestPaths.temporaryDirectory() + "/answer.xml"
                try body.write(toFile: path, atomically: true, encoding: .utf8)
                let reread = try SubmissionValidator(catalog: ServiceFixture.catalog).validate(path: path)
                #expect(reread.first?.observations == 16)
                #expect(reread.first?.findings.isEmpty == true, "\(reread.first?.findings.map(\.message) ?? [])")
            }
        }
    }

    @Test func genericSeriesKeysHoldTheTime() async throws {
        try await ServiceFixture().withClient { client in
            let expected = try await Self.csvAnswer(client)
            let body = try await client.execute(
                uri: Self.flow + "?dimensionAtObservation=SEX", method: .get, headers: Self.generic
            ) { response in
                #expect(response.status == .ok)
                return response.text
            }
            #expect(body.contains("dimensionAtObservation=\"SEX\""))
            #expect(body.components(separatedBy: "<generic:Series>").count - 1 == 8)
            var found: [String] = []
            for series in body.components(separatedBy: "<generic:Series>").dropFirst() {
                let key = series.components(separatedBy: "</generic:SeriesKey>")[0]
                var values = Self.attributes(of: "generic:Value", in: key).map { ($0["id"] ?? "", $0["value"] ?? "") }
                #expect(values.last?.0 == "TIME_PERIOD")
                for obs in series.components(separatedBy: "<generic:Obs>").dropFirst() {
                    let sex = Self.attributes(of: "generic:ObsDimension", in: obs).first?["value"] ?? "?"
                    let value = Self.attributes(of: "generic:ObsValue", in: obs).first?["value"] ?? ""
                    values.insert(("SEX", sex), at: 4)
                    found.append(Self.text(Dictionary(values, uniquingKeysWith: { $1 }), value: value))
                    values.remove(at: 4)
                }
            }
            #expect(found.sorted() == expected)
            let path = try TestPaths.temporaryDirectory() + "/generic.xml"
            try body.write(toFile: path, atomically: true, encoding: .utf8)
            let reread = try SubmissionValidator(catalog: ServiceFixture.catalog).validate(path: path)
            #expect(reread.first?.observations == 16)
        }
    }

    /// The ordering reads the whole answer before writing: it is bounded by the answer-size limit (413).
    @Test func reorderedAnswersKeepTheLimit() async throws {
        try await ServiceFixture().withClient(maximumObservations: 10) { client in
            try await client.execute(uri: Self.flow + "?dimensionAtObservation=SEX", method: .get) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(
                uri: Self.flow + "?dimensionAtObservation=SEX&detail=serieskeysonly", method: .get
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        try await ServiceFixture().withClient { client in
            try await client.execute(
                uri: Self.flow + "?dimensionAtObservation=SEX&detail=serieskeysonly", method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(Self.elements("Series", in: response.text).count == 8)
                #expect(!response.text.contains("<Obs"))
            }
        }
    }

    // MARK: Reading answers

    static let dimensions = [
        "FREQ", "REF_AREA", "INDICATOR", "COUNTRY_ORIGIN", "SEX", "AGE", "ACCOMPANIMENT", "TIME_PERIOD",
    ]

    static func csvAnswer(_ client: any TestClientProtocol) async throws -> [String] {
        let csv = try await client.execute(
            uri: flow, method: .get, headers: [.accept: "application/vnd.sdmx.data+csv;version=2.0.0"]
        ) { $0.text }
        return JSONDataEndpointTests.csvObservations(csv)
    }

    /// "dimension values:time=OBS_VALUE", as ``JSONDataEndpointTests/csvObservations(_:)`` writes them.
    static func text(_ values: [String: String], value: String) -> String {
        dimensions.dropLast().map { values[$0] ?? "" }.joined(separator: ".") + ":"
            + (values["TIME_PERIOD"] ?? "") + "=" + value
    }

    static func structureSpecificObservations(_ body: String) -> [String] {
        var found: [String] = []
        for series in body.components(separatedBy: "<Series ").dropFirst() {
            let seriesValues = attributes(of: "", in: "<" + series.prefix { $0 != ">" } + ">").first ?? [:]
            for obs in elements("Obs", in: series) {
                let values = seriesValues.merging(obs) { $1 }
                found.append(text(values, value: values["OBS_VALUE"] ?? ""))
            }
        }
        return found.sorted()
    }

    static func elements(_ name: String, in body: String) -> [[String: String]] {
        body.components(separatedBy: "<\(name) ").dropFirst().map { element in
            attributes(of: "", in: "<" + element.prefix { $0 != ">" } + ">").first ?? [:]
        }
    }

    /// The attributes of each `<name …>` element (any element's when `name` is empty) in `text`.
    static func attributes(of name: String, in text: String) -> [[String: String]] {
        text.components(separatedBy: "<" + name).dropFirst().map { element in
            let tag = element.prefix { $0 != ">" }
            var found: [String: String] = [:]
            for match in tag.matches(of: #/([A-Za-z_:]+)="([^"]*)"/#) {
                found[String(match.output.1)] = String(match.output.2)
            }
            return found
        }
    }
}
