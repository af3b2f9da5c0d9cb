import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACServer
import TestSupport
import Testing

/// `detail=serieskeysonly` and `detail=nodata`: the sample's 4 series without their 16 observations.
@Suite struct SeriesOnlyDataTests {
    @Test func seriesKeysOnlyWritesEachSeriesOnceWithoutObservationsOrAttributes() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/all?detail=serieskeysonly", method: .get) {
                response in
                #expect(response.status == .ok)
                let body = response.text
                #expect(body.components(separatedBy: "<Series ").count - 1 == 4)
                #expect(!body.contains("<Obs"))
                #expect(!body.contains("DATA_SOURCE="))
                #expect(body.contains("COUNTRY_ORIGIN=\"SSD\""))
                #expect(body.hasSuffix("</message:StructureSpecificData>\n"))
            }
        }
    }

    @Test func noDataKeepsSeriesAttributes() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/Q.KEN?detail=nodata", method: .get) {
                response in
                #expect(response.status == .ok)
                let body = response.text
                #expect(body.components(separatedBy: "<Series ").count - 1 == 4)
                #expect(!body.contains("<Obs"))
                #expect(body.contains("DATA_SOURCE=\"Refugee Affairs Secretariat, registration database\""))
            }
            let generic: HTTPFields = [.accept: "application/vnd.sdmx.genericdata+xml;version=2.1"]
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION?detail=nodata", method: .get, headers: generic)
            { response in
                let body = response.text
                #expect(body.components(separatedBy: "<generic:Series>").count - 1 == 4)
                #expect(!body.contains("<generic:Obs>"))
            }
        }
    }

    /// SDMX-CSV has no series: one row per series, the dimensions filled, the period and value empty.
    @Test func csvHasOneRowPerSeries() async throws {
        try await ServiceFixture().withClient { client in
            let csv: HTTPFields = [.accept: "application/vnd.sdmx.data+csv;version=2.0.0"]
            try await client.execute(
                uri: "/rest/v2/data/dataflow/IDAC/DF_CHILD_MIGRATION/*/*?detail=serieskeysonly", method: .get,
                headers: csv
            ) { response in
                #expect(response.status == .ok)
                let lines = response.text.split(separator: "\n").map {
                    $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                }
                #expect(lines.count == 5)
                guard let header = lines.first, let time = header.firstIndex(of: "TIME_PERIOD"),
                    let value = header.firstIndex(of: "OBS_VALUE"), let area = header.firstIndex(of: "REF_AREA")
                else {
                    Issue.record("no TIME_PERIOD, OBS_VALUE or REF_AREA column")
                    return
                }
                #expect(lines.dropFirst().allSatisfy { $0[time].isEmpty && $0[value].isEmpty && $0[area] == "KEN" })
            }
        }
    }

    /// The answer limit counts the series written, not the observations read past.
    @Test func limitCountsSeries() async throws {
        try await ServiceFixture().withClient(maximumObservations: 5) { client in
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION?detail=serieskeysonly", method: .get) {
                response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/rest/data/DF_CHILD_MIGRATION?detail=serieskeysonly&dimensionAtObservation=AllDimensions",
                method: .get
            ) { response in
                #expect(response.status == .notImplemented)
            }
            try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/.UGA?detail=nodata", method: .get) {
                response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test(.requires(.xmllint, .corpus)) func genericSeriesWithoutObservationsValidate() async throws {
        let path = try TestPaths.temporaryDirectory() + "/nodata.xml"
        try await ServiceFixture().withClient { client in
            let generic: HTTPFields = [.accept: "application/vnd.sdmx.genericdata+xml;version=2.1"]
            let body = try await client.execute(
                uri: "/rest/data/DF_CHILD_MIGRATION?detail=nodata", method: .get, headers: generic
            ) { $0.text }
            try body.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try SchemaCheck.xmllint(path)
            #expect(result.status == 0, "\(result.output.prefix(2000))")
        }
    }
}
