import SDMXREST
import Testing

@Suite struct StructureQueryTests {
    private func v1(_ path: String, _ parameters: [String: String] = [:]) throws -> StructureQuery {
        try StructureQuery.parse(
            api: .v1, segments: path.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
            parameters: parameters)
    }

    private func v2(_ path: String, _ parameters: [String: String] = [:]) throws -> StructureQuery {
        try StructureQuery.parse(
            api: .v2, segments: path.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
            parameters: parameters)
    }

    private func error(_ body: () throws -> StructureQuery) -> RESTError? {
        do {
            _ = try body()
            return nil
        } catch { return error as? RESTError }
    }

    /// What sdmx1 2.28's `Client.dataflow("DF_CHILD_MIGRATION")` sends to a source with id IDAC.
    @Test func sdmx1DataflowQuery() throws {
        let query = try v1("dataflow/IDAC/DF_CHILD_MIGRATION/latest", ["references": "all"])
        #expect(query.type == .dataflow)
        #expect(query.agencies == ["IDAC"])
        #expect(query.ids == ["DF_CHILD_MIGRATION"])
        #expect(query.versions == [.any(.latest)])
        #expect(query.references == [.all])
        #expect(query.detail == .full)
    }

    @Test func v1DefaultsKeywordsAndPlusSeparatedValues() throws {
        let bare = try v1("codelist")
        #expect(bare.agencies == nil && bare.ids == nil && bare.versions == [.any(.latest)] && bare.itemIDs == nil)
        let all = try v1("codelist/all/all/all/all/")
        #expect(all.agencies == nil && all.ids == nil && all.versions == [.any(.all)] && all.itemIDs == nil)
        let several = try v1("codelist/BIS+ECB/CL_FREQ+CL_AREA/1.0+2.1/A+Q")
        #expect(several.agencies == ["BIS", "ECB"])
        #expect(several.ids == ["CL_FREQ", "CL_AREA"])
        #expect(several.versions == [.exact("1.0"), .exact("2.1")])
        #expect(several.itemIDs == ["A", "Q"])
        // pysdmx sends a lone `+` (and `~`) as the 1.5 version.
        #expect(try v1("dataflow/IDAC/DF/+").versions == [.any(.latest)])
        #expect(try v1("structure/IDAC").type == .any)
        #expect(try v1("allowedconstraint").type == .constraint(type: .allowed))
    }

    @Test func v2PathsWithWildcardsCommasAndSemanticVersions() throws {
        let query = try v2(
            "structure/codelist/BIS,ECB/CL_FREQ,CL_AREA/1.0,2.3+.0/A,Q", ["references": "codelist,conceptscheme"])
        #expect(query.agencies == ["BIS", "ECB"])
        #expect(query.ids == ["CL_FREQ", "CL_AREA"])
        #expect(query.versions == [.exact("1.0"), .range(.latestStable, minimum: [2, 3, 0], position: 1)])
        #expect(query.itemIDs == ["A", "Q"])
        #expect(query.references.count == 2)
        let any = try v2("structure/*/*/*/*")
        #expect(any.type == .any && any.agencies == nil && any.ids == nil && any.versions == [.any(.all)])
        #expect(try v2("structure/dataflow").versions == [.any(.latest)])
        #expect(try v2("structure/dataflow/IDAC/*/+").versions == [.any(.latestStable)])
        #expect(try v2("structure/dataconstraint/IDAC").type == .constraint(type: nil))
        #expect(try v2("structure/dataflow/IDAC/DF/~", ["detail": "raw"]).detail == .raw)
    }

    @Test func parameterValuesInAnyCase() throws {
        let query = try v1("datastructure/IDAC/DSD", ["references": "Children", "detail": "ReferencePartial"])
        #expect(query.references == [.children])
        #expect(query.detail == .referencePartial)
        #expect(try v1("dataflow", ["format": "sdmx-2.1"]).references == [.none], "other parameters are the caller's")
    }

    @Test func wrongPartsAreSyntaxErrorsNamingThePart() {
        let cases: [(RESTError?, String)] = [
            (error { try v1("dataflows") }, "type"),
            (error { try v1("dataflow", ["references": "everything"]) }, "references"),
            (error { try v1("dataflow", ["detail": "some"]) }, "detail"),
            (error { try v1("dataflow", ["detail": "raw"]) }, "detail"),
            (error { try v1("dataflow", ["references": "ancestors"]) }, "references"),
            (error { try v1("dataflow/IDAC/DF/1.0/A") }, "itemID"),
            (error { try v1("codelist/IDAC/CL/1.0/A/B") }, "after the itemID"),
            (error { try v1("codelist/ID AC") }, "agencyID"),
            (error { try v1("codelist/IDAC/CL<X>") }, "resourceID"),
            (error { try v1("codelist/IDAC//1.0") }, "resourceID"),
            (error { try v1("codelist/IDAC/CL/one") }, "version"),
            (error { try v2("dataflow/IDAC") }, "/structure/"),
            (error { try v2("structure/codelist/IDAC/CL/+.2.3") }, "version"),
            (error { try v2("structure/codelist/IDAC/CL/2.3+") }, "version"),
            (error { try v2("structure/codelist/IDAC/CL/~.0.*") }, "version"),
            (error { try v2("structure/contentconstraint") }, "type"),
        ]
        for (error, part) in cases {
            #expect(error?.status == 400, "\(part)")
            #expect(error?.message.contains(part) == true, "\(error?.message ?? "no error") should name \(part)")
        }
    }

    @Test func typesTheServiceDoesNotHoldAre501() {
        #expect(error { try v1("categoryscheme") }?.status == 501)
        #expect(error { try v2("structure/hierarchy/IDAC") }?.status == 501)
        #expect(error { try v2("structure/valuelist") }?.code == 501)
    }

    @Test func tooManyValuesAreRefused() {
        let many = (0..<(StructureQuery.maximumValuesPerPart + 1)).map { "CL_\($0)" }
        #expect(error { try v1("codelist/IDAC/" + many.joined(separator: "+")) }?.status == 400)
        #expect(error { try v2("structure/codelist/IDAC/" + many.joined(separator: ",")) }?.status == 400)
    }
}
