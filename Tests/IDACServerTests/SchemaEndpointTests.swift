import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACServer
import TestSupport
import Testing

/// `/schema/…`: the dataflow with what a client needs to read its data, as an SDMX-ML 2.1 Structure message.
@Suite struct SchemaEndpointTests {
    @Test func schemaIsTheDataflowWithItsDescendants() async throws {
        try await ServiceFixture().withClient { client in
            for uri in [
                "/rest/schema/dataflow/IDAC/DF_CHILD_MIGRATION/latest?explicit=false",
                "/rest/schema/dataflow/IDAC/DF_CHILD_MIGRATION?dimensionAtObservation=TIME_PERIOD&explicitMeasure=True",
                "/rest/v2/schema/dataflow/IDAC/DF_CHILD_MIGRATION/~",
                "/rest/v2/schema/datastructure/IDAC/DSD_CHILD_MIGRATION/",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType] == "application/vnd.sdmx.structure+xml; version=2.1")
                    let body = response.text
                    #expect(body.contains("<str:DataStructure id=\"DSD_CHILD_MIGRATION\""), "\(uri)")
                    #expect(body.contains("<str:Codelist id=\"CL_FREQ\"") || body.contains("id=\"CL_FREQ\""), "\(uri)")
                    #expect(body.contains("<str:ConceptScheme "), "\(uri)")
                    // Descendants only: no other dataflow using the DSD.
                    #expect(!body.contains("DF_CHILDREN_LEFT_BEHIND"), "\(uri)")
                }
            }
        }
    }

    @Test func badSchemaQueries() async throws {
        try await ServiceFixture().withClient { client in
            let cases: [(String, HTTPResponse.Status)] = [
                ("/rest/schema/dataflow/IDAC/NO_SUCH_FLOW/latest", .notFound),
                ("/rest/schema/dataflow/IDAC", .badRequest),
                ("/rest/schema/codelist/SDMX/CL_FREQ", .badRequest),
                ("/rest/schema/dataflow/all/DF_CHILD_MIGRATION", .badRequest),
                ("/rest/schema/metadataflow/IDAC/MDF", .notImplemented),
                ("/rest/schema/dataflow/IDAC/DF_CHILD_MIGRATION?colour=blue", .badRequest),
                ("/rest/schema/dataflow/IDAC/DF_CHILD_MIGRATION?explicit=maybe", .badRequest),
            ]
            for (uri, status) in cases {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                }
            }
        }
    }

    @Test(.requires(.xmllint, .corpus)) func schemaValidatesAgainstTheOfficialSchema() async throws {
        let path = try TestPaths.temporaryDirectory() + "/schema.xml"
        try await ServiceFixture().withClient { client in
            let body = try await client.execute(uri: "/rest/schema/dataflow/IDAC/DF_CHILD_MIGRATION", method: .get) {
                $0.text
            }
            try body.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try SchemaCheck.xmllint(path)
            #expect(result.status == 0, "\(result.output.prefix(2000))")
        }
    }
}
