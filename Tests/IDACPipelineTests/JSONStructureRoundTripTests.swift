import AllianceSchemas
import Foundation
import IDACSubmission
import SDMXCSV
import SDMXJSON
import SDMXModel
import SDMXREST
import SDMXXML
import TestSupport
import Testing

/// The Alliance's structures written as SDMX-JSON 2.0 by idac's own writer and read back by its
/// SDMX-JSON structure reader give the model the SDMX-ML reader gives, and validate the same.
@Suite struct JSONStructureRoundTripTests {
    /// The whole catalog, as `structure/all/all/all` answers it in SDMX-JSON.
    static func json() throws -> String {
        let query = try StructureQuery.parse(api: .v1, segments: ["structure", "all", "all", "all"], parameters: [:])
        return JSONStructureMessageWriter(prepared: Date(timeIntervalSince1970: 0))
            .message(for: try StructureSelection(query: query, catalog: StructureLoader().loadEmbedded()))
    }

    /// The embedded SDMX-ML files read as they are, every artefact in one message.
    static func fromXML() throws -> StructureMessage {
        var all = StructureMessage(source: "xml")
        for file in EmbeddedSchemas.files where file.name.hasSuffix(".xml") {
            let message = try StructureMessageReader().read(bytes: Array(file.contents.utf8), source: file.name)
            all.agencySchemes += message.agencySchemes
            all.codelists += message.codelists
            all.conceptSchemes += message.conceptSchemes
            all.dataStructures += message.dataStructures
            all.dataflows += message.dataflows
            all.constraints += message.constraints
            all.rulesetSchemes += message.rulesetSchemes
        }
        return all
    }

    /// Where an artefact was read from is not part of it; a content constraint is SDMX 3.0's data constraint.
    private static func plain(_ info: MaintainableInfo) -> MaintainableInfo {
        var info = info
        info.source = ""
        info.line = 0
        if info.reference.kind == .dataConstraint { info.reference.kind = .contentConstraint }
        return info
    }

    private static func byReference<T>(_ items: [T], _ info: (T) -> MaintainableInfo, _ plainInfo: (inout T) -> Void)
        -> [String: T]
    {
        var result: [String: T] = [:]
        for item in items {
            var copy = item
            plainInfo(&copy)
            result[info(item).reference.description] = copy
        }
        return result
    }

    @Test func alliancesStructuresComeBackTheSame() throws {
        let original = try Self.fromXML()
        let read = try SDMXJSONStructureReader().read(bytes: Array(try Self.json().utf8), source: "alliance.json")
        #expect(read.others.isEmpty, "\(read.others.map(\.elementName))")
        #expect(read.artefactCount == original.artefactCount)
        #expect(!original.codelists.isEmpty && !original.dataStructures.isEmpty && !original.constraints.isEmpty)
        #expect(
            Self.byReference(read.codelists, \.info) { $0.info = Self.plain($0.info) }
                == Self.byReference(original.codelists, \.info) { $0.info = Self.plain($0.info) })
        #expect(
            Self.byReference(read.conceptSchemes, \.info) { $0.info = Self.plain($0.info) }
                == Self.byReference(original.conceptSchemes, \.info) { $0.info = Self.plain($0.info) })
        #expect(
            Self.byReference(read.agencySchemes, \.info) { $0.info = Self.plain($0.info) }
                == Self.byReference(original.agencySchemes, \.info) { $0.info = Self.plain($0.info) })
        #expect(
            Self.byReference(read.dataflows, \.info) { $0.info = Self.plain($0.info) }
                == Self.byReference(original.dataflows, \.info) { $0.info = Self.plain($0.info) })
        #expect(
            Self.byReference(read.rulesetSchemes, \.info) { $0.info = Self.plain($0.info) }
                == Self.byReference(original.rulesetSchemes, \.info) { $0.info = Self.plain($0.info) })
        // Data structures and constraints component by component, so that a difference is named.
        let structures = Self.byReference(read.dataStructures, \.info) { $0.info = Self.plain($0.info) }
        for var dsd in original.dataStructures {
            dsd.info = Self.plain(dsd.info)
            let back = try #require(structures[dsd.reference.description], "\(dsd.reference)")
            #expect(back.info == dsd.info)
            #expect(back.dimensions == dsd.dimensions, "\(dsd.reference)")
            #expect(back.timeDimension == dsd.timeDimension, "\(dsd.reference)")
            #expect(back.measures == dsd.measures, "\(dsd.reference)")
            #expect(back.attributes == dsd.attributes, "\(dsd.reference)")
            #expect(back.groups == dsd.groups, "\(dsd.reference)")
        }
        let constraints = Self.byReference(read.constraints, \.info) { $0.info = Self.plain($0.info) }
        for var constraint in original.constraints {
            constraint.info = Self.plain(constraint.info)
            let back = try #require(constraints[constraint.reference.description], "\(constraint.reference)")
            #expect(back.type == constraint.type)
            #expect(back.attachments == constraint.attachments, "\(constraint.reference)")
            #expect(back.cubeRegions == constraint.cubeRegions, "\(constraint.reference)")
            #expect(back.dataKeySets == constraint.dataKeySets, "\(constraint.reference)")
            #expect(back == constraint, "\(constraint.reference)")
        }
    }

    /// Every twin and sample validated with the structures given as SDMX-JSON gives the findings it gets
    /// with the embedded SDMX-ML ones.
    @Test func twinsValidateTheSameWithJSONStructures() throws {
        let path = try TestPaths.temporaryDirectory() + "/alliance.json"
        try Self.json().write(toFile: path, atomically: false, encoding: .utf8)
        let fromJSON = try StructureLoader().load(paths: [path])
        let embedded = try StructureLoader().loadEmbedded()
        let profile = try CountryCSVProfile.load(path: TestPaths.fixture("twins/country-profile.json"))
        let twins = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("twins"))
            .filter { $0.hasPrefix("valid.") || $0.hasPrefix("invalid.") }.map { TestPaths.fixture("twins/" + $0) }
        let samples = try FileManager.default.contentsOfDirectory(atPath: TestPaths.project("SampleData/invalid"))
            .map { TestPaths.project("SampleData/invalid/" + $0) }
        #expect(twins.count >= 20)
        var findings = 0
        for file in twins + samples {
            let expected = try SubmissionValidator(catalog: embedded, profile: profile).validate(path: file)
            let actual = try SubmissionValidator(catalog: fromJSON, profile: profile).validate(path: file)
            #expect(actual.map(\.findings) == expected.map(\.findings), "\(file)")
            #expect(actual.map(\.observations) == expected.map(\.observations), "\(file)")
            findings += expected.reduce(0) { $0 + $1.findings.count }
        }
        #expect(findings > 50, "the files compared have findings to compare")
    }
}
