import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACServer
import TestSupport
import Testing

/// `availableconstraint` (1.5) and `availability` (2.x) over the sample Kenyan submission: 4 series, 16
/// quarterly observations of 2024, from Somalia and South Sudan.
@Suite struct AvailabilityEndpointTests {
    @Test func availabilityIsAnActualConstraintWithValuesTimeRangeAndCounts() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/rest/availableconstraint/DF_CHILD_MIGRATION", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.sdmx.structure+xml; version=2.1")
                #expect(response.headers[.eTag] != nil)
                let body = response.compactText
                #expect(body.contains("<str:ContentConstraint "))
                #expect(body.contains("type=\"Actual\""))
                #expect(body.contains("<str:Dataflow><Ref agencyID=\"IDAC\" id=\"DF_CHILD_MIGRATION\""))
                #expect(body.contains("<com:KeyValue id=\"REF_AREA\"><com:Value>KEN</com:Value></com:KeyValue>"))
                #expect(
                    body.contains(
                        "<com:KeyValue id=\"COUNTRY_ORIGIN\"><com:Value>SOM</com:Value><com:Value>SSD</com:Value>"))
                #expect(body.contains("<com:StartPeriod isInclusive=\"true\">2024-01-01T00:00:00Z</com:StartPeriod>"))
                #expect(body.contains("<com:EndPeriod isInclusive=\"true\">2024-12-31T23:59:59Z</com:EndPeriod>"))
                #expect(
                    body.contains(
                        "<com:Annotation id=\"obs_count\"><com:AnnotationTitle>16</com:AnnotationTitle>"
                            + "<com:AnnotationType>sdmx_metrics</com:AnnotationType>"))
                #expect(
                    body.contains("<com:Annotation id=\"series_count\"><com:AnnotationTitle>4</com:AnnotationTitle>"))
                // No references by default.
                #expect(!body.contains("<str:DataStructure "))
            }
        }
    }

    @Test func keyPeriodsModeAndComponentNarrowTheAnswer() async throws {
        try await ServiceFixture().withClient { client in
            // The key and startPeriod: one country of origin, two quarters of one series.
            try await client.execute(
                uri: "/rest/v2/availability/dataflow/IDAC/DF_CHILD_MIGRATION/~/Q.KEN.*.SSD?startPeriod=2024-Q3",
                method: .get
            ) { response in
                #expect(response.status == .ok)
                let body = response.compactText
                #expect(body.contains("<com:KeyValue id=\"COUNTRY_ORIGIN\"><com:Value>SSD</com:Value></com:KeyValue>"))
                #expect(body.contains("<com:AnnotationTitle>2</com:AnnotationTitle>"))
                #expect(body.contains("2024-07-01T00:00:00Z"))
            }
            // mode=available offers the other countries of origin the rest of the key still leaves.
            try await client.execute(
                uri: "/rest/availableconstraint/DF_CHILD_MIGRATION/Q.KEN..SSD/all/all?mode=available", method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(
                    response.compactText.contains(
                        "<com:KeyValue id=\"COUNTRY_ORIGIN\"><com:Value>SOM</com:Value><com:Value>SSD</com:Value>"))
            }
            // One componentId: its values only, no time range.
            try await client.execute(
                uri: "/rest/v2/availability/dataflow/IDAC/DF_CHILD_MIGRATION/*/*/SEX", method: .get
            ) { response in
                let body = response.compactText
                #expect(body.contains("<com:KeyValue id=\"SEX\"><com:Value>F</com:Value>"))
                #expect(!body.contains("id=\"REF_AREA\""))
                #expect(!body.contains("<com:TimeRange>"))
            }
            try await client.execute(
                uri: "/rest/availableconstraint/DF_CHILD_MIGRATION/all/all/NOT_A_DIMENSION", method: .get
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("NOT_A_DIMENSION"))
            }
            try await client.execute(
                uri: "/rest/availableconstraint/DF_CHILD_MIGRATION?mode=sometimes", method: .get
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func nothingAvailableIsNotFoundOrTheConfiguredStatus() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/rest/availableconstraint/DF_CHILD_MIGRATION/.UGA", method: .get) {
                response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("code=\"100\""))
            }
            try await client.execute(uri: "/rest/availableconstraint/NO_SUCH_FLOW", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        try await ServiceFixture().withClient(emptyStatusV2: 204) { client in
            try await client.execute(
                uri: "/rest/v2/availability/dataflow/IDAC/DF_CHILD_MIGRATION/*/Q.UGA", method: .get
            ) { response in
                #expect(response.status == .noContent)
            }
        }
    }

    /// `references=all`: the dataflow, its DSD, concept schemes and code lists, the dimensions' code lists
    /// cut to the codes available.
    @Test func referencesAddTheStructuresWithCodeListsCutToWhatIsAvailable() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(
                uri: "/rest/availableconstraint/DF_CHILD_MIGRATION?references=all", method: .get
            ) { response in
                #expect(response.status == .ok)
                let body = response.compactText
                #expect(body.contains("<str:DataStructure "))
                #expect(body.contains("<str:Dataflow "))
                #expect(body.contains("<str:Concepts>"))
                let codelists = body.components(separatedBy: "<str:Codelist ").dropFirst()
                let area = codelists.first { $0.contains("id=\"CL_AREA\"") || $0.contains("id=\"CL_COUNTRY\"") }
                #expect(area?.contains("isPartial=\"true\"") == true)
                #expect(area?.contains("<str:Code id=\"KEN\">") == true)
                #expect(area?.contains("<str:Code id=\"UGA\">") == false)
                let order = [
                    "<str:Dataflows>", "<str:Codelists>", "<str:Concepts>", "<str:DataStructures>",
                    "<str:Constraints>",
                ].compactMap { body.range(of: $0)?.lowerBound }
                #expect(order.count == 5 && order == order.sorted())
            }
            try await client.execute(
                uri: "/rest/v2/availability/dataflow/IDAC/DF_CHILD_MIGRATION?references=datastructure,codelist",
                method: .get
            ) { response in
                let body = response.compactText
                #expect(body.contains("<str:DataStructure "))
                #expect(body.contains("<str:Codelist "))
                #expect(!body.contains("<str:Concepts>"))
            }
            try await client.execute(
                uri: "/rest/availableconstraint/DF_CHILD_MIGRATION?references=everything", method: .get
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test(.requires(.xmllint, .corpus)) func availabilityValidatesAgainstTheOfficialSchema() async throws {
        let directory = try TestPaths.temporaryDirectory()
        try await ServiceFixture().withClient { client in
            for (index, uri) in [
                "/rest/availableconstraint/DF_CHILD_MIGRATION?references=all",
                "/rest/v2/availability/dataflow/IDAC/DF_CHILD_MIGRATION/*/Q.KEN?mode=available",
            ].enumerated() {
                let body = try await client.execute(uri: uri, method: .get) { $0.text }
                let path = directory + "/availability\(index).xml"
                try body.write(toFile: path, atomically: true, encoding: .utf8)
                let result = try SchemaCheck.xmllint(path)
                #expect(result.status == 0, "\(uri): \(result.output.prefix(2000))")
            }
        }
    }
}

extension TestResponse {
    /// The body without the indentation between elements.
    var compactText: String { text.replacingOccurrences(of: ">\\s+<", with: "><", options: .regularExpression) }
}
