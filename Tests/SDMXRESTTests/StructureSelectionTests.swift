import SDMXModel
import SDMXREST
import Testing

@Suite struct StructureSelectionTests {
    private func select(_ api: APIVersion, _ path: String, _ parameters: [String: String] = [:]) throws
        -> StructureSelection
    {
        let query = try StructureQuery.parse(
            api: api, segments: path.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
            parameters: parameters)
        return try StructureSelection(query: query, catalog: AllianceCatalog.load())
    }

    private func names(_ selection: StructureSelection, _ kind: ArtefactKind) -> [String] {
        selection.artefacts.filter { $0.artefact.kind == kind }.map(\.artefact.reference.id)
    }

    /// sdmx1's `Client.dataflow("DF_CHILD_MIGRATION")` expects the DSD, its code lists and concept schemes.
    @Test func sdmx1DataflowWithReferencesAll() throws {
        let selection = try select(.v1, "dataflow/IDAC/DF_CHILD_MIGRATION/latest", ["references": "all"])
        #expect(names(selection, .dataflow) == ["DF_CHILD_MIGRATION"])
        #expect(names(selection, .dataStructure) == ["DSD_CHILD_MIGRATION"])
        #expect(names(selection, .conceptScheme) == ["CS_IDAC"])
        #expect(names(selection, .contentConstraint) == ["CC_CHILD_MIGRATION"], "parents: the attached constraint")
        let codelists = Set(names(selection, .codelist))
        #expect(codelists.isSuperset(of: ["CL_FREQ", "CL_AREA", "CL_MIGRATION_INDICATOR", "CL_UNIT_MEASURE"]))
        #expect(selection.artefacts.allSatisfy { $0.presentation == .full })
        #expect(selection.artefacts.filter(\.isMatch).count == 1)
    }

    @Test func referencesWalkChildrenParentsAndTypes() throws {
        let children = try select(.v1, "dataflow/IDAC/DF_CHILD_MIGRATION", ["references": "children"])
        #expect(names(children, .dataStructure) == ["DSD_CHILD_MIGRATION"])
        #expect(names(children, .codelist).isEmpty, "children are one level down")
        let parents = try select(.v1, "datastructure/IDAC/DSD_CHILD_MIGRATION", ["references": "parents"])
        #expect(names(parents, .dataflow) == ["DF_CHILD_MIGRATION"])
        let codelistParents = try select(.v1, "codelist/SDMX/CL_FREQ", ["references": "datastructure"])
        #expect(Set(names(codelistParents, .dataStructure)) == ["DSD_CHILD_MIGRATION", "DSD_CHILDREN_LEFT_BEHIND"])
        let codelists = try select(.v2, "structure/dataflow/IDAC/DF_CHILD_MIGRATION/+", ["references": "codelist"])
        #expect(names(codelists, .dataStructure).isEmpty)
        #expect(names(codelists, .codelist).contains("CL_FREQ"), "code lists of the dataflow's DSD")
        let none = try select(.v1, "dataflow")
        #expect(Set(names(none, .dataflow)) == ["DF_CHILD_MIGRATION", "DF_CHILDREN_LEFT_BEHIND"])
        #expect(none.artefacts.count == 2)
    }

    @Test func v2AddsTheAgencySchemeAmongReferences() throws {
        let selection = try select(.v2, "structure/dataflow/IDAC/DF_CHILD_MIGRATION/~", ["references": "children"])
        #expect(names(selection, .agencyScheme) == ["AGENCIES"])
    }

    @Test func stubsPerDetail() throws {
        let allStubs = try select(
            .v1, "dataflow/IDAC/DF_CHILD_MIGRATION", ["references": "children", "detail": "allstubs"])
        #expect(allStubs.artefacts.allSatisfy { $0.presentation == .stub })
        let referenceStubs = try select(
            .v1, "dataflow/IDAC/DF_CHILD_MIGRATION", ["references": "children", "detail": "referencecompletestubs"])
        #expect(referenceStubs.artefacts.map(\.presentation) == [.full, .completeStub])
    }

    /// The constraint allows FREQ A and Q and excludes AGE Y_GE18: partial code lists keep only those.
    @Test func referencePartialCutsCodelistsToTheConstraint() throws {
        let selection = try select(
            .v1, "dataflow/IDAC/DF_CHILD_MIGRATION", ["references": "descendants", "detail": "referencepartial"])
        let frequency = try #require(selection.artefacts.first { $0.artefact.reference.id == "CL_FREQ" })
        #expect(frequency.presentation == .partial)
        guard case .codelist(let codes) = frequency.artefact else { throw Failure("CL_FREQ is not a code list") }
        #expect(codes.codes.map(\.id) == ["A", "Q"])
        let age = try #require(selection.artefacts.first { $0.artefact.reference.id == "CL_AGE" })
        guard case .codelist(let ages) = age.artefact else { throw Failure("CL_AGE is not a code list") }
        #expect(age.presentation == .partial && !ages.contains("Y_GE18") && ages.codes.count > 1)
        let area = try #require(selection.artefacts.first { $0.artefact.reference.id == "CL_AREA" })
        #expect(area.presentation == .full, "nothing constrains REF_AREA")
        let concepts = try #require(selection.artefacts.first { $0.artefact.reference.id == "CS_IDAC" })
        #expect(concepts.presentation == .partial || concepts.presentation == .full)
        #expect(selection.artefacts.first { $0.isMatch }?.presentation == .full)
    }

    @Test func itemQueriesCutTheMatchedScheme() throws {
        let selection = try select(.v1, "codelist/SDMX/CL_FREQ/latest/A+M")
        let only = try #require(selection.artefacts.first)
        guard case .codelist(let codes) = only.artefact else { throw Failure("not a code list") }
        #expect(codes.codes.map(\.id) == ["A", "M"] && only.presentation == .partial)
        #expect(throws: RESTError.self) { try select(.v1, "codelist/SDMX/CL_FREQ/latest/NOPE") }
    }

    @Test func versionsSelectAsAsked() throws {
        #expect(try select(.v1, "codelist/SDMX/CL_FREQ/2.1").artefacts.count == 1)
        #expect(try select(.v2, "structure/codelist/SDMX/CL_FREQ/2.*").artefacts.count == 1)
        #expect(try select(.v2, "structure/codelist/SDMX/CL_FREQ/+").artefacts.count == 1)
        #expect(throws: RESTError.noResults("no codelist SDMX:CL_FREQ(3.0) is among the structures")) {
            try select(.v1, "codelist/SDMX/CL_FREQ/3.0")
        }
    }

    @Test func noMatchIsNoResults() {
        for path in ["dataflow/IDAC/DF_NOPE", "codelist/NOBODY", "allowedconstraint/IDAC/CC_NOPE"] {
            do {
                _ = try select(.v1, path)
                Issue.record("\(path) matched something")
            } catch let error as RESTError {
                #expect(error.status == 404 && error.code == 100)
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func constraintTypesFilter() throws {
        #expect(try select(.v1, "allowedconstraint").artefacts.count == 2)
        #expect(throws: RESTError.self) { try select(.v1, "actualconstraint") }
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
