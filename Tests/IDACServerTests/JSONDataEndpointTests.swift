import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACServer
import TestSupport
import Testing

/// SDMX-JSON 2.0.0 data answers: chosen by negotiation, valid against the official schema, and holding
/// exactly the observations of the SDMX-CSV answer to the same query.
@Suite struct JSONDataEndpointTests {
    static let jsonType = "application/vnd.sdmx.data+json; version=2.0.0; charset=utf-8"
    static let flow = "/rest/v2/data/dataflow/IDAC/DF_CHILD_MIGRATION/1.0/*"

    @Test func negotiationPicksJSONDataWithItsExactContentType() async throws {
        try await ServiceFixture().withClient { client in
            for (accept, format) in [
                ("application/vnd.sdmx.data+json;version=2.0.0", nil), ("application/json", nil),
                ("application/vnd.sdmx.data+csv;version=2.0.0;q=0.4, application/vnd.sdmx.data+json", nil),
                ("*/*", "jsondata"),
            ] as [(String, String?)] {
                let uri = Self.flow + (format.map { "?format=\($0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: [.accept: accept]) { response in
                    #expect(response.status == .ok, "\(accept)")
                    #expect(response.headers[.contentType] == Self.jsonType, "\(accept)")
                }
            }
            try await client.execute(uri: Self.flow, method: .get, headers: [.accept: "*/*"]) { response in
                #expect(
                    response.headers[.contentType] == "application/vnd.sdmx.structurespecificdata+xml; version=2.1")
            }
        }
    }

    /// Every shape holds the CSV answer's observations, value for value.
    @Test func observationsEqualTheCSVAnswer() async throws {
        try await ServiceFixture().withClient { client in
            let csv = try await client.execute(
                uri: Self.flow, method: .get, headers: [.accept: "application/vnd.sdmx.data+csv;version=2.0.0"]
            ) { $0.text }
            let expected = Self.csvObservations(csv)
            #expect(expected.count == 16)
            for suffix in ["", "?dimensionAtObservation=AllDimensions", "?dimensionAtObservation=SEX"] {
                let json = try await client.execute(
                    uri: Self.flow + suffix, method: .get,
                    headers: [.accept: "application/vnd.sdmx.data+json;version=2.0.0"]
                ) { $0.text }
                #expect(try Self.jsonObservations(json) == expected, "\(suffix)")
            }
        }
    }

    @Test(.requires(.jsonSchema, .corpus)) func answersAreValidAgainstTheOfficialSchema() async throws {
        try await ServiceFixture().withClient { client in
            for suffix in [
                "", "?dimensionAtObservation=AllDimensions", "?lastNObservations=1&detail=dataonly",
                "?dimensionAtObservation=SEX",
            ] {
                try await client.execute(
                    uri: Self.flow + suffix, method: .get,
                    headers: [.accept: "application/vnd.sdmx.data+json;version=2.0.0"]
                ) { response in
                    #expect(response.status == .ok)
                    let violations = try JSONSchemaCheck.violations(
                        of: response.text, schema: JSONSchemaCheck.dataSchema)
                    #expect(violations.isEmpty, "\(suffix): \(violations.prefix(5))")
                }
            }
        }
    }

    /// "dimension values:time=OBS_VALUE" for each CSV row (no quoted fields in the sample).
    static func csvObservations(_ csv: String) -> [String] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let header = lines.first?.map(String.init) else { return [] }
        let time = header.firstIndex(of: "TIME_PERIOD") ?? 0
        let value = header.firstIndex(of: "OBS_VALUE") ?? 0
        return lines.dropFirst().map { row in
            row[3..<time].joined(separator: ".") + ":" + row[time] + "=" + row[value]
        }.sorted()
    }

    /// The same, from an SDMX-JSON 2.0 message in either shape, by looking every index up in `structures`.
    static func jsonObservations(_ json: String) throws -> [String] {
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let data = try #require(root?["data"] as? [String: Any])
        let structure = try #require((data["structures"] as? [[String: Any]])?.first)
        let dimensions = try #require(structure["dimensions"] as? [String: [[String: Any]]])
        func ids(_ level: String) -> [(position: Int, values: [String])] {
            (dimensions[level] ?? []).map { dimension in
                (
                    dimension["keyPosition"] as? Int ?? 0,
                    (dimension["values"] as? [[String: Any]] ?? []).map { ($0["id"] ?? $0["value"]) as? String ?? "" }
                )
            }
        }
        let series = ids("series"), observation = ids("observation")
        func decode(_ key: String, _ levels: [(position: Int, values: [String])]) -> [(Int, String)] {
            zip(key.split(separator: ":").compactMap { Int($0) }, levels).map { ($1.position, $1.values[$0]) }
        }
        func text(_ parts: [(Int, String)], _ value: Any?) -> String {
            let sorted = parts.sorted { $0.0 < $1.0 }.map(\.1)
            let number = value.map { $0 is NSNull ? "" : "\($0)" } ?? ""
            return sorted.dropLast().joined(separator: ".") + ":" + (sorted.last ?? "") + "=" + number
        }
        var found: [String] = []
        for dataSet in data["dataSets"] as? [[String: Any]] ?? [] {
            for (key, body) in dataSet["series"] as? [String: [String: Any]] ?? [:] {
                for (obsKey, values) in body["observations"] as? [String: [Any]] ?? [:] {
                    found.append(text(decode(key, series) + decode(obsKey, observation), values.first))
                }
            }
            for (obsKey, values) in dataSet["observations"] as? [String: [Any]] ?? [:] {
                found.append(text(decode(obsKey, observation), values.first))
            }
        }
        return found.sorted()
    }
}
