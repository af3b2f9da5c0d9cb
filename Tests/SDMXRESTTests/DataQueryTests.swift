import AllianceRepository
import IDACPipeline
import IDACSubmission
import SDMXModel
import SDMXREST
import Testing

/// Data and availability queries as real clients send them, on both APIs, and the errors that name the part.
@Suite struct DataQueryTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    func v1(_ path: String, _ parameters: [String: String] = [:]) throws -> DataQuery {
        try DataQuery.parse(
            api: .v1, segments: path.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
            parameters: parameters)
    }

    func v2(_ path: String, _ parameters: [String: String] = [:], resource: DataQuery.Resource = .data) throws
        -> DataQuery
    {
        try DataQuery.parse(
            api: .v2, resource: resource,
            segments: path.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
            parameters: parameters)
    }

    /// The error a query throws, parsing or resolving.
    func failure(_ body: () throws -> Void) -> RESTError? {
        do {
            try body()
            return nil
        } catch let error as RESTError {
            return error
        } catch {
            return RESTError(code: 0, status: 0, "not a RESTError: \(error)")
        }
    }

    @Test func flowRefsOfOneTwoAndThreeParts() throws {
        for path in [
            "DF_CHILD_MIGRATION", "IDAC,DF_CHILD_MIGRATION", "IDAC,DF_CHILD_MIGRATION,1.0",
            "IDAC,DF_CHILD_MIGRATION,latest", "all,DF_CHILD_MIGRATION,all", "DF_CHILD_MIGRATION/all/all/",
        ] {
            let resolved = try v1(path).resolve(in: Self.catalog)
            #expect(resolved.structure.name == Self.flow, "\(path)")
            #expect(resolved.observationQuery.keys.isEmpty, "\(path)")
        }
        #expect(failure { _ = try v1("IDAC,DF_NOPE").resolve(in: Self.catalog) }?.status == 404)
        #expect(failure { _ = try v1("IDAC,DF_CHILD_MIGRATION,9.9").resolve(in: Self.catalog) }?.code == 100)
        #expect(failure { _ = try v1("A,B,C,D") }?.message.contains("flowRef") == true)
        #expect(failure { _ = try v1("") }?.status == 400)
    }

    @Test func v1KeysWithWildcardsAlternativesAndMissingTrailingParts() throws {
        let resolved = try v1("DF_CHILD_MIGRATION/Q.KEN+UGA...F+M").resolve(in: Self.catalog)
        #expect(
            resolved.observationQuery.keys == [[["Q"], ["KEN", "UGA"], [], [], ["F", "M"], [], []]])
        #expect(try v1("DF_CHILD_MIGRATION/all").resolve(in: Self.catalog).observationQuery.keys.isEmpty)
        #expect(try v1("DF_CHILD_MIGRATION/......").resolve(in: Self.catalog).observationQuery.keys.isEmpty)
        let tooLong = failure { _ = try v1("DF_CHILD_MIGRATION/Q.KEN.A.B.C.D.E.F").resolve(in: Self.catalog) }
        #expect(tooLong?.status == 400 && tooLong?.message.contains("'Q.KEN.A.B.C.D.E.F'") == true)
        let unknown = failure { _ = try v1("DF_CHILD_MIGRATION/Q.XXX").resolve(in: Self.catalog) }
        #expect(unknown?.status == 400 && unknown?.message.contains("REF_AREA") == true)
    }

    @Test func v2PathsWithWildcardsAndSeveralKeys() throws {
        let resolved = try v2("dataflow/IDAC/DF_CHILD_MIGRATION/*/Q.*.*.SOM,A.KEN").resolve(in: Self.catalog)
        #expect(
            resolved.observationQuery.keys == [
                [["Q"], [], [], ["SOM"], [], [], []], [["A"], ["KEN"], [], [], [], [], []],
            ])
        for path in [
            "dataflow/IDAC/DF_CHILD_MIGRATION", "*/*/DF_CHILD_MIGRATION/+/*", "dataflow/*/DF_CHILD_MIGRATION/~/",
            "dataflow/IDAC/DF_CHILD_MIGRATION/1.0/*",
        ] {
            #expect(try v2(path).resolve(in: Self.catalog).structure.name == Self.flow, "\(path)")
        }
        #expect(failure { _ = try v2("cube/IDAC/DF_CHILD_MIGRATION") }?.message.contains("context") == true)
        let unknown = failure { _ = try v2("dataflow/IDAC/DF_CHILD_MIGRATION/*/Q.XXX").resolve(in: Self.catalog) }
        #expect(unknown?.status == 422 && unknown?.message.contains("REF_AREA") == true)
        // Every dataflow at once is more than this service answers in one message.
        #expect(failure { _ = try v2("dataflow").resolve(in: Self.catalog) }?.status == 501)
    }

    @Test func componentFiltersNarrowTheKeyOrBecomeConditions() throws {
        let resolved = try v2(
            "dataflow/IDAC/DF_CHILD_MIGRATION/*/Q.KEN+UGA",
            [
                "c[REF_AREA]": "ne:UGA", "c[SEX]": "F,M", "c[TIME_PERIOD]": "ge:2020+le:2022-Q3", "c[OBS_STATUS]": "A",
                "c[OBS_VALUE]": "gt:10",
            ]
        ).resolve(in: Self.catalog)
        let query = resolved.observationQuery
        #expect(query.keys == [[["Q"], ["KEN"], [], [], ["F", "M"], [], []]])
        #expect(query.periodFrom == PeriodInterval(period: "2020")?.start)
        #expect(query.periodUntil == PeriodInterval(period: "2022-Q3")?.end)
        #expect(
            query.conditions == [
                ComponentCondition(target: .attribute("OBS_STATUS"), alternatives: [[.init(.eq, "A")]]),
                ComponentCondition(target: .value, alternatives: [[.init(.gt, "10")]]),
            ])
        // A condition no code satisfies selects nothing; an unknown component is named.
        #expect(
            failure { _ = try v2("dataflow/IDAC/DF_CHILD_MIGRATION", ["c[SEX]": "sw:ZZ"]).resolve(in: Self.catalog) }?
                .code == 100)
        let unknown = failure {
            _ = try v2("dataflow/IDAC/DF_CHILD_MIGRATION", ["c[COLOUR]": "red"]).resolve(in: Self.catalog)
        }
        #expect(unknown?.status == 422 && unknown?.message.contains("c[COLOUR]") == true)
        // A time condition with alternatives is checked row by row.
        let either = try v2("dataflow/IDAC/DF_CHILD_MIGRATION", ["c[TIME_PERIOD]": "2020,2021"]).resolve(
            in: Self.catalog)
        #expect(either.observationQuery.conditions.first?.target == .timePeriod)
    }

    @Test func parametersAsClientsSendThem() throws {
        let query = try v1(
            "DF_CHILD_MIGRATION",
            [
                "startPeriod": "2024-Q2", "endPeriod": "2024-12-31", "updatedAfter": "2025-01-01T10:00:00+01:00",
                "firstNObservations": "3", "lastNObservations": "2", "dimensionAtObservation": "AllDimensions",
                "detail": "serieskeysonly", "includeHistory": "True", "format": "csvfile",
            ])
        #expect(query.includeHistory && query.detail == .serieskeysonly && query.format == "csvfile")
        #expect(query.updatedAfter == "2025-01-01T09:00:00.000Z")
        let resolved = try query.resolve(in: Self.catalog)
        #expect(resolved.observationQuery.firstN == 3 && resolved.observationQuery.lastN == 2)
        #expect(resolved.observationQuery.periodFrom == PeriodInterval(period: "2024-04-01")?.start)
        #expect(resolved.observationQuery.periodUntil == PeriodInterval(period: "2024")?.end)
        #expect(resolved.observationQuery.includeHistory)
        #expect(resolved.dimensionAtObservation == .allDimensions)
        #expect(resolved.attributeIDs.isEmpty && resolved.measureIDs.isEmpty)

        let v2Query = try v2(
            "dataflow/IDAC/DF_CHILD_MIGRATION",
            [
                "asOf": "2025-03-31", "attributes": "OBS_STATUS,UNIT_MEASURE", "measures": "none",
                "dimensionAtObservation": "REF_AREA", "includeHistory": "FALSE",
            ]
        ).resolve(in: Self.catalog)
        #expect(v2Query.observationQuery.asOf == "2025-03-31T23:59:59.999Z")
        #expect(Set(v2Query.attributeIDs) == ["OBS_STATUS", "UNIT_MEASURE"] && v2Query.measureIDs.isEmpty)
        #expect(v2Query.dimensionAtObservation == .dimension("REF_AREA"))
        #expect(
            try v2("dataflow/IDAC/DF_CHILD_MIGRATION").resolve(in: Self.catalog).dimensionAtObservation == .timePeriod)
    }

    @Test func badParametersAreNamed() throws {
        let cases: [(String, String, Int)] = [
            ("startPeriod", "2024-Q5", 400), ("endPeriod", "soon", 400), ("updatedAfter", "yesterday", 400),
            ("firstNObservations", "0", 400), ("lastNObservations", "-1", 400), ("detail", "most", 400),
            ("includeHistory", "yes", 400), ("colour", "red", 400), ("asOf", "2025-02-30", 400),
        ]
        for (name, value, status) in cases {
            let error = failure { _ = try v1("DF_CHILD_MIGRATION", [name: value]) }
            #expect(error?.status == status, "\(name)=\(value)")
            #expect(error?.message.contains(name) == true, "\(name): \(error?.message ?? "")")
        }
        let dimension = failure {
            _ = try v1("DF_CHILD_MIGRATION", ["dimensionAtObservation": "COLOUR"]).resolve(in: Self.catalog)
        }
        #expect(dimension?.message.contains("dimensionAtObservation") == true)
        let reversed = failure {
            _ = try v2("dataflow/IDAC/DF_CHILD_MIGRATION", ["startPeriod": "2024", "endPeriod": "2023"]).resolve(
                in: Self.catalog)
        }
        #expect(reversed?.status == 422)
    }

    @Test func availabilityPaths() throws {
        let v1Query = try DataQuery.parse(
            api: .v1, resource: .availability, segments: ["DF_CHILD_MIGRATION", "Q.KEN", "all", "SEX"],
            parameters: ["mode": "available", "references": "all"])
        #expect(v1Query.mode == .available && v1Query.references == "all")
        #expect(try v1Query.resolve(in: Self.catalog).componentPositions == [4])
        let v2Query = try v2("dataflow/IDAC/DF_CHILD_MIGRATION/*/*/*", resource: .availability)
        #expect(try v2Query.resolve(in: Self.catalog).componentPositions == Array(0..<7))
        #expect(
            failure { _ = try v2("dataflow/IDAC/DF_CHILD_MIGRATION", ["mode": "maybe"], resource: .availability) }?
                .status == 400)
        // `mode` belongs to availability queries only.
        #expect(failure { _ = try v2("dataflow/IDAC/DF_CHILD_MIGRATION", ["mode": "exact"]) }?.status == 400)
    }

    /// 1.5 providerRef: the national offices by their country's code, the Alliance for all, any other none.
    @Test func providerRefs() throws {
        func areas(_ provider: String) throws -> Set<String>? {
            try v1("DF_CHILD_MIGRATION/all/" + provider).resolve(in: Self.catalog).observationQuery.refAreas
        }
        #expect(try areas("all") == nil)
        #expect(try areas("IDAC") == nil)
        #expect(try areas("IDAC,IDAC") == nil)
        #expect(try areas("KEN") == ["KEN"])
        #expect(try areas("IDAC,KEN") == ["KEN"])
        #expect(try areas("all,UGA") == ["UGA"])
        #expect(failure { _ = try areas("ESTAT,KEN") }?.status == 404)
        #expect(failure { _ = try areas("NOPE") }?.status == 404)
        #expect(failure { _ = try areas("A,B,C") }?.status == 400)
        #expect(failure { _ = try areas("IDAC,") }?.status == 400)
        #expect(failure { _ = try areas("K<EN") }?.status == 400)
    }
}
