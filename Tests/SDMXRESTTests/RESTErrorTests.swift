import SDMXREST
import Testing

@Suite struct RESTErrorTests {
    @Test func semanticErrorsFollowEachAPIsMapping() {
        #expect(RESTError.semantic("x", api: .v1).status == 403)
        #expect(RESTError.semantic("x", api: .v2).status == 422)
        #expect(RESTError.noResults("x").code == 100)
        #expect(RESTError.tooLarge("x").status == 413)
    }
}
