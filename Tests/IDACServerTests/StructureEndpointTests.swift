import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IDACServer
import TestSupport
import Testing

@Suite struct StructureEndpointTests {
    /// What sdmx1's `Client.dataflow("DF_CHILD_MIGRATION")` sends: the dataflow with everything it needs.
    @Test func dataflowWithReferencesCarriesTheDSDAndItsLists() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(
                uri: "/rest/dataflow/IDAC/DF_CHILD_MIGRATION/latest?references=all", method: .get,
                headers: [.accept: "*/*"]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.sdmx.structure+xml; version=2.1")
                let body = response.text
                #expect(body.contains("<mes:Structure") || body.contains("<message:Structure"))
                #expect(body.contains("id=\"DSD_CHILD_MIGRATION\""))
                #expect(body.contains("id=\"CL_FREQ\""))
                #expect(response.headers[.eTag] != nil)
            }
        }
    }

    @Test func conditionalRequestsGetNotModified() async throws {
        try await ServiceFixture().withClient { client in
            let tag = try await client.execute(uri: "/rest/codelist/all/CL_FREQ", method: .get) { response in
                #expect(response.status == .ok)
                return response.headers[.eTag] ?? ""
            }
            #expect(!tag.isEmpty)
            try await client.execute(uri: "/rest/codelist/all/CL_FREQ", method: .get, headers: [.ifNoneMatch: tag]) {
                response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func statusCodesForBadStructureQueries() async throws {
        try await ServiceFixture().withClient { client in
            try await client.execute(uri: "/rest/codelist/IDAC/CL_NO_SUCH_LIST", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("code=\"100\""))
            }
            try await client.execute(uri: "/rest/dataflow/IDAC/all/latest?detail=everything", method: .get) {
                response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("detail"))
            }
            try await client.execute(uri: "/rest/v2/structure/dataflow/IDAC/*/+", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("DF_CHILDREN_LEFT_BEHIND"))
            }
            try await client.execute(
                uri: "/rest/dataflow", method: .get, headers: [.accept: "application/vnd.sdmx.genericdata+xml"]
            ) { response in
                #expect(response.status == .notAcceptable)
            }
        }
    }
}
