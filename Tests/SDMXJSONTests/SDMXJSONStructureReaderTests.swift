import Foundation
import SDMXJSON
import SDMXModel
import TestSupport
import Testing

@Suite struct SDMXJSONStructureReaderTests {
    private func read(_ text: String, limits: JSONLimits = .default) throws -> StructureMessage {
        try SDMXJSONStructureReader(limits: limits).read(bytes: Array(text.utf8), source: "test.json")
    }

    /// A 2.0 message with every artefact idac models, in 2.0's names, and names in two languages.
    static let message = """
        {"meta": {"id": "M", "prepared": "2024-01-01T00:00:00Z"},
         "data": {
          "codelists": [{"id": "CL_SEX", "agencyID": "A", "version": "1.1", "isFinal": true,
            "names": {"fr": "Sexe", "en": "Sex"}, "name": "Sexe",
            "codes": [{"id": "F", "names": {"fr": "Femme", "en": "Female"}}, {"id": "_T", "name": "Total"},
                      {"id": "F1", "name": "Girls", "parent": "F"}]}],
          "conceptSchemes": [{"id": "CS", "agencyID": "A", "version": "1.0", "name": "Concepts",
            "concepts": [{"id": "SEX", "name": "Sex"}, {"id": "OBS_VALUE", "name": "Value",
              "coreRepresentation": {"format": {"dataType": "Double", "minValue": 0}}}]}],
          "dataStructures": [{"id": "DSD", "agencyID": "A", "version": "1.0", "name": "DSD",
            "dataStructureComponents": {
              "dimensionList": {"dimensions": [{"id": "SEX", "position": 1,
                  "conceptIdentity": "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=A:CS(1.0).SEX",
                  "localRepresentation": {"enumeration": "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=A:CL_SEX(1.1)"}}],
                "timeDimension": {"id": "TIME_PERIOD",
                  "localRepresentation": {"format": {"dataType": "ObservationalTimePeriod"}}}},
              "attributeList": {"attributes": [
                {"id": "NOTE", "usage": "optional", "attributeRelationship": {"dataflow": {}},
                 "localRepresentation": {"format": {"dataType": "String", "maxLength": 200}}},
                {"id": "UNIT", "usage": "mandatory", "attributeRelationship": {"dimensions": ["SEX"]}},
                {"id": "STATUS", "usage": "mandatory", "attributeRelationship": {"observation": {}}}]},
              "groups": [{"id": "G", "groupDimensions": ["SEX"]}],
              "measureList": {"measures": [{"id": "OBS_VALUE",
                "conceptIdentity": "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=A:CS(1.0).OBS_VALUE"}]}}},
            {"id": "STUB", "agencyID": "A", "version": "1.0", "name": "A stub"}],
          "dataflows": [{"id": "DF", "agencyID": "A", "version": "1.0", "name": "Flow",
            "structure": "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=A:DSD(1.0)"}],
          "dataConstraints": [{"id": "CC", "agencyID": "A", "version": "1.0", "name": "C", "role": "Allowed",
            "constraintAttachment": {"dataflows": ["urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=A:DF(1.0)"]},
            "cubeRegions": [{"include": true, "keyValues": [{"id": "SEX", "values": ["F", {"value": "_T"}]},
              {"id": "TIME_PERIOD", "timeRange": {"startPeriod": {"period": "2000", "isInclusive": true},
                "endPeriod": {"period": "2030", "isInclusive": false}}}],
              "components": [{"id": "UNIT", "include": false, "values": ["X"]}]}],
            "dataKeySets": [{"isIncluded": false, "keys": [{"keyValues": [{"id": "SEX", "value": "F1"}]}]}]}],
          "categorySchemes": [{"id": "CAT", "agencyID": "A", "version": "1.0", "name": "Categories",
            "categories": [{"id": "X", "name": "x"}, {"id": "Y", "name": "y"}]}]
         }}
        """

    @Test func readsEveryModelledArtefact() throws {
        let message = try read(Self.message)
        let codelist = try #require(message.codelists.first)
        #expect(codelist.reference.description == "A:CL_SEX(1.1)")
        #expect(codelist.info.name == "Sex", "English is taken among the names, as SDMX-ML's reader does")
        #expect(codelist.info.isFinal)
        #expect(codelist.codes.map(\.id) == ["F", "_T", "F1"])
        #expect(codelist.codes.map(\.name) == ["Female", "Total", "Girls"])
        #expect(codelist.codes[2].parentID == "F")
        let concepts = try #require(message.conceptSchemes.first).concepts
        #expect(concepts[1].coreRepresentation?.textFormat?.textType == .double)
        #expect(concepts[1].coreRepresentation?.textFormat?.minValue == 0)
        let dsd = try #require(message.dataStructures.first)
        #expect(dsd.dimensions.map(\.id) == ["SEX"])
        #expect(dsd.dimensions[0].component.localRepresentation?.enumeration?.description == "A:CL_SEX(1.1)")
        #expect(dsd.dimensions[0].component.conceptIdentity?.description == "A:CS(1.0).SEX")
        #expect(dsd.timeDimension?.id == "TIME_PERIOD")
        #expect(dsd.measures.map(\.id) == ["OBS_VALUE"])
        #expect(dsd.attributes.map(\.id) == ["NOTE", "UNIT", "STATUS"])
        #expect(dsd.attributes.map(\.isMandatory) == [false, true, true])
        #expect(dsd.attributes.map(\.attachment) == [.dataSet, .dimensions(["SEX"]), .observation])
        #expect(dsd.attributes[0].component.localRepresentation?.textFormat?.maxLength == 200)
        #expect(dsd.groups == [GroupDescriptor(id: "G", dimensionIDs: ["SEX"])])
        #expect(message.dataStructures.last?.info.isStub == true, "a DSD without components is a stub")
        #expect(message.dataflows.first?.structure?.description == "A:DSD(1.0)")
        let constraint = try #require(message.constraints.first)
        #expect(constraint.attachments.map(\.description) == ["A:DF(1.0)"])
        let region = try #require(constraint.cubeRegions.first)
        #expect(region.keyValues[0].values == ["F", "_T"])
        #expect(region.keyValues[1].timeRange?.end == "2030" && region.keyValues[1].timeRange?.endInclusive == false)
        #expect(region.attributeValues.first?.isIncluded == false)
        #expect(constraint.dataKeySets == [DataKeySet(isIncluded: false, keys: [["SEX": "F1"]])])
        #expect(message.others.map(\.elementName) == ["CategoryScheme"])
        #expect(message.others.first?.itemCount == 2)
    }

    /// SDMX-JSON 1.0's names: assignmentStatus, textType, timeDimensions, primaryMeasure, contentConstraints.
    @Test func readsVersionOneNames() throws {
        let message = try read(
            """
            {"data": {"dataStructures": [{"id": "D", "agencyID": "A", "version": "1.0", "name": "D",
              "dataStructureComponents": {"dimensionList": {"dimensions": [{"id": "X"}],
                "timeDimensions": [{"id": "TIME_PERIOD"}]},
              "attributeList": {"attributes": [{"id": "T", "assignmentStatus": "Mandatory",
                "attributeRelationship": {"primaryMeasure": "OBS_VALUE"},
                "localRepresentation": {"textFormat": {"textType": "Integer"}}}]},
              "measureList": {"primaryMeasure": {"id": "OBS_VALUE"}}}}],
             "contentConstraints": [{"id": "C", "agencyID": "A", "version": "1.0", "type": "Actual",
               "cubeRegions": [{"isIncluded": true, "keyValues": [{"id": "X", "values": ["1"]}]}]}]}}
            """)
        let dsd = try #require(message.dataStructures.first)
        #expect(dsd.dimensions.map(\.position) == [1])
        #expect(dsd.timeDimension?.id == "TIME_PERIOD")
        #expect(dsd.measures.map(\.id) == ["OBS_VALUE"])
        #expect(dsd.attributes.first?.isMandatory == true && dsd.attributes.first?.attachment == .observation)
        #expect(dsd.attributes.first?.component.localRepresentation?.textFormat?.textType == .integer)
        #expect(message.constraints.first?.type == .actual)
        #expect(message.constraints.first?.cubeRegions.first?.keyValues.first?.values == ["1"])
    }

    /// Each official sample loads, with its artefacts counted as the JSON lists them.
    @Test(.requires(.corpus)) func officialSamplesLoad() throws {
        let folder = TestPaths.corpus("sdmx-json/structure-message/samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 2)
        for name in names {
            let path = folder + "/" + name
            let message = try SDMXJSONStructureReader().read(path: path)
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            let data = try #require((object as? [String: Any])?["data"] as? [String: Any])
            let listed = data.values.reduce(0) { $0 + (($1 as? [Any])?.count ?? 0) }
            #expect(message.artefactCount == listed, "\(name)")
            #expect(!message.codelists.isEmpty && !message.dataStructures.isEmpty, "\(name)")
        }
        let constructed = try SDMXJSONStructureReader().read(path: folder + "/constructed-sample.json")
        let dsd = try #require(constructed.dataStructures.first)
        #expect(dsd.dimensions.map(\.id) == ["FREQ", "CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX"])
        #expect(dsd.timeDimension?.id == "TIME_PERIOD" && dsd.measures.map(\.id) == ["OBS_VALUE"])
        #expect(constructed.constraints.first?.cubeRegions.first?.keyValues.count == 5)
        #expect(constructed.dataflows.first?.structure?.description == "ECB:ECB_EXR1(1.0)")
    }

    // MARK: Hostile and broken messages

    private func failure(_ text: String, limits: JSONLimits = .default) -> SDMXError? {
        do {
            _ = try read(text, limits: limits)
            return nil
        } catch let error as SDMXError {
            return error
        } catch {
            return nil
        }
    }

    @Test func brokenMessagesGetClearErrors() throws {
        let deep =
            #"{"data": {"codelists": [{"id": "C", "agencyID": "A", "names": "#
            + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}]}}"
        let cases: [(String, SDMXError.Code, String)] = [
            (deep, .limitExceeded, "deeper than 64"),
            (#"{"data": {"codelists": [{"id": 5, "agencyID": "A"}]}}"#, .invalidStructure, "'id' that is not a string"),
            (#"{"data": {"codelists": [{"agencyID": "A"}]}}"#, .invalidStructure, "has no id or agencyID"),
            (
                #"{"data": {"codelists": [{"id": "C", "agencyID": "A", "codes": [1]}]}}"#, .invalidStructure,
                "must be an object"
            ),
            (#"{"data": {"codelists": {"id": "C"}}}"#, .invalidStructure, "must be an array of artefacts"),
            (
                #"{"data": {"conceptSchemes": [{"id": "C", "agencyID": "A", "concepts": "x"}]}}"#, .invalidStructure,
                "concept scheme A:C(1.0) has a 'concepts' that is not an array"
            ),
            (
                #"{"data": {"dataStructures": [{"id": "D", "agencyID": "A", "dataStructureComponents": "#
                    + #"{"dimensionList": {"dimensions": [{"id": "X", "localRepresentation": {"enumeration": "CL"}}]}}}]}}"#,
                .invalidStructure, "not an SDMX URN"
            ),
            (#"{"meta": {}}"#, .invalidStructure, "no \"data\" object"),
            (#"[1, 2]"#, .invalidStructure, "not an object"),
            (#"{"data": {"dataSets": []}}"#, .invalidStructure, "an SDMX-JSON data message"),
            (#"{"data": {"codelists": [{"id": "C", "agencyID": "A""#, .malformedInput, "unclosed"),
        ]
        for (text, code, words) in cases {
            let error = failure(text)
            #expect(error?.code == code, "\(text.prefix(80))")
            #expect(error?.message.contains(words) == true, "\(error?.message ?? "no error") lacks '\(words)'")
            #expect(error?.location?.line ?? 0 >= 1, "errors name a line")
        }
        let huge =
            #"{"data": {"codelists": [{"id": "C", "agencyID": "A", "name": ""#
            + String(repeating: "x", count: 2000) + #""}]}}"#
        #expect(failure(huge, limits: JSONLimits(maxStringBytes: 1000))?.code == .limitExceeded)
        let many =
            #"{"data": {"conceptSchemes": [{"id": "C", "agencyID": "A", "concepts": ["#
            + Array(repeating: #"{"id": "X"}"#, count: 50).joined(separator: ",") + "]}]}}"
        #expect(failure(many, limits: JSONLimits(maxStructureValues: 40))?.code == .limitExceeded)
    }

    /// A code list's codes are decoded one by one, so they are not counted against the artefact's budget.
    @Test func codesAreStreamedPastTheArtefactBudget() throws {
        let codes = (0..<500).map { #"{"id": "C\#($0)", "names": {"en": "Code \#($0)"}}"# }.joined(separator: ",")
        let message = try read(
            #"{"data": {"codelists": [{"id": "CL", "agencyID": "A", "codes": [\#(codes)], "name": "L"}]}}"#,
            limits: JSONLimits(maxStructureValues: 100))
        #expect(message.codelists.first?.codes.count == 500)
        #expect(message.codelists.first?.codes.last?.name == "Code 499")
        #expect(message.codelists.first?.info.name == "L", "members after the codes are read")
    }
}

extension SDMXJSONStructureReaderTests {
    /// A structure's codes and names are what data are checked against: text that is not UTF-8 is refused
    /// at its line and column, as the SDMX-ML reader refuses it.
    @Test func textThatIsNotUTF8IsRefused() throws {
        let bytes =
            Array(#"{"data": {"codelists": [{"id": "C", "agencyID": "A", "codes": [{"id": "X", "name": "a"#.utf8)
            + [0xFF] + Array(#""}]}]}}"#.utf8)
        #expect {
            _ = try SDMXJSONStructureReader().read(bytes: bytes, source: "s.json")
        } throws: { error in
            let error = error as? SDMXError
            return error?.code == .malformedInput && error?.message.contains("UTF-8") == true
                && error?.location?.column == 84
        }
    }
}
