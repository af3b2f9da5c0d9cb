import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACServer
import TestSupport
import Testing

/// SDMX-JSON 2.0.0 structure answers: what pysdmx's registry client asks for.
@Suite struct JSONStructureEndpointTests {
    static let jsonType = "application/vnd.sdmx.structure+json; version=2.0.0; charset=utf-8"

    @Test func negotiationPicksJSONStructureWithItsExactContentType() async throws {
        try await ServiceFixture().withClient { client in
            for (accept, format) in [
                ("application/vnd.sdmx.structure+json;version=2.0.0", nil),
                ("application/vnd.sdmx.structure+json; version=2.0", nil),
                ("application/json", nil),
                (
                    "application/vnd.sdmx.structure+xml;version=2.1;q=0.5, application/json",
                    nil
                ),
                ("*/*", "json"),
            ] as [(String, String?)] {
                let uri = "/rest/v2/structure/codelist/SDMX/CL_FREQ/~" + (format.map { "?format=\($0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: [.accept: accept]) { response in
                    #expect(response.status == .ok, "\(accept)")
                    #expect(response.headers[.contentType] == Self.jsonType, "\(accept)")
                    #expect(response.text.hasPrefix("{"), "\(accept)")
                }
            }
            // The default stays SDMX-ML 2.1, which sdmx1 reads.
            try await client.execute(uri: "/rest/codelist/SDMX/CL_FREQ", method: .get, headers: [.accept: "*/*"]) {
                response in
                #expect(response.headers[.contentType] == "application/vnd.sdmx.structure+xml; version=2.1")
            }
        }
    }

    @Test func dataflowWithReferencesCarriesTheDSDAsURNs() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(
                uri: "/rest/v2/structure/dataflow/IDAC/DF_CHILD_MIGRATION/1.0?references=all", method: .get,
                headers: [.accept: "application/vnd.sdmx.structure+json;version=2.0.0"]
            ) { response in
                let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                let data = try #require(object?["data"] as? [String: Any])
                let flows = try #require(data["dataflows"] as? [[String: Any]])
                #expect(flows.first?["id"] as? String == "DF_CHILD_MIGRATION")
                #expect(
                    (flows.first?["structure"] as? String)?.hasPrefix(
                        "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=") == true)
                let structures = try #require(data["dataStructures"] as? [[String: Any]])
                #expect(structures.map { $0["id"] as? String } == ["DSD_CHILD_MIGRATION"])
                #expect((data["codelists"] as? [Any])?.isEmpty == false)
                #expect((data["conceptSchemes"] as? [Any])?.isEmpty == false)
            }
        }
    }

    /// Every kind of artefact and presentation (full, stubs, partial) the catalog gives, against the schema.
    @Test(.requires(.jsonSchema, .corpus)) func answersAreValidAgainstTheOfficialSchema() async throws {
        try await ServiceFixture().withClient { client in
            for query in [
                "/rest/v2/structure/*/*/*/*?references=all", "/rest/v2/structure/*/*/*/*?detail=allstubs",
                "/rest/v2/structure/dataflow/*/*/*?detail=referencepartial&references=all",
                "/rest/v2/structure/datastructure/*/*/*?detail=referencecompletestubs&references=descendants",
                "/rest/contentconstraint/all/all/latest?references=all",
            ] {
                try await client.execute(
                    uri: query, method: .get, headers: [.accept: "application/vnd.sdmx.structure+json;version=2.0.0"]
                ) { response in
                    #expect(response.status == .ok, "\(query)")
                    let violations = try JSONSchemaCheck.violations(
                        of: response.text, schema: JSONSchemaCheck.structureSchema)
                    #expect(violations.isEmpty, "\(query): \(violations.prefix(5))")
                }
            }
        }
    }
}
