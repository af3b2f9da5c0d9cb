import Foundation
import SDMXInput
import SDMXJSON
import SDMXModel
import Testing

/// Records the events a reader sends, as text.
final class EventLog: DataHandler {
    var events: [String] = []

    func header(_ header: DataMessageHeader) throws { events.append("header \(header.id ?? "-")") }
    func startDataSet(_ dataSet: DataSetStart) throws {
        let values = dataSet.values.map { "\($0.id)=\($0.value)" }.joined(separator: ",")
        events.append("dataset \(dataSet.structure?.description ?? "-") \(dataSet.action ?? "-") \(values)")
    }
    func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {
        events.append("group " + values.map { "\($0.id)=\($0.value)" }.joined(separator: ","))
    }
    func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        events.append("series " + values.map { "\($0.id)=\($0.value)" }.joined(separator: ","))
    }
    func observation(values: [ComponentValue], at position: DataPosition) throws {
        let text = values.map { "\($0.id)=\($0.value)" }.joined(separator: ",")
        events.append("obs@\(position.line):\(position.column) " + text)
    }
    func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws {
        events.append("problem@\(position.line):\(position.column) \(problem)")
    }
    func endSeries() throws { events.append("end series") }
    func endDataSet() throws { events.append("end dataset") }
}

@Suite struct SDMXJSONDataReaderTests {
    static let structure = """
        {"links":[{"rel":"dataflow","urn":"urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=IDAC:DF(1.0)"}],
        "dimensions":{"dataSet":[{"id":"FREQ","values":[{"id":"A","name":"Annual"}]}],
        "series":[{"id":"SEX","values":[{"id":"F"},{"id":"M"}]}],
        "observation":[{"id":"TIME_PERIOD","values":[{"id":"2023"},{"id":"2024"}]}]},
        "attributes":{"dataSet":[{"id":"NOTE"}],"series":[{"id":"UNIT","values":[{"id":"PS"}]}],
        "observation":[{"id":"OBS_STATUS","values":[{"id":"A"},{"id":"P"}]}]},
        "measures":{"observation":[{"id":"OBS_VALUE"}]}}
        """
    static let dataSets = """
        [{"series":{"0":{"attributes":[0],"observations":{
        "0":[12.5,0],
        "1":[13,1]}},
        "1":{"attributes":[0],"observations":{"1":[null,5]}}},
        "structure":0,"action":"Replace","attributes":[{"fr":"note fr","en":"note"}]}]
        """

    func events(_ text: String, chunk: Int = 5) throws -> [String] {
        let log = EventLog()
        try SDMXJSONDataReader().read(
            source: MemorySource(bytes: Array(text.utf8), name: "m.json", chunkSize: chunk), into: log)
        return log.events
    }

    /// The structure after the datasets, and the dataset's action and attributes after its series, give
    /// the same events as before them: the first pass finds them, the second streams.
    @Test func structureAndDataSetMembersMayFollowTheObservations() throws {
        let after = try events(
            #"{"meta":{"id":"M1"},"data":{"dataSets":\#(Self.dataSets),"structures":[\#(Self.structure)]}}"#)
        let before = try events(
            #"{"meta":{"id":"M1"},"data":{"structures":[\#(Self.structure)],"dataSets":\#(Self.dataSets)}}"#)
        func unplaced(_ events: [String]) -> [String] { events.map { $0.replacing(/@\d+:\d+/, with: "") } }
        #expect(unplaced(after) == unplaced(before))
        #expect(
            after == [
                "header M1", "dataset IDAC:DF(1.0) Replace NOTE=note", "series FREQ=A,SEX=F,UNIT=PS",
                "obs@2:1 TIME_PERIOD=2023,OBS_VALUE=12.5,OBS_STATUS=A",
                "obs@3:1 TIME_PERIOD=2024,OBS_VALUE=13,OBS_STATUS=P", "end series", "series FREQ=A,SEX=M,UNIT=PS",
                "problem@4:0 described(\"OBS_STATUS value is number 5 of its list in the structure, "
                    + "which has 2 value(s) (numbered from 0)\")",
                "obs@4:39 TIME_PERIOD=2024",
                "end series", "end dataset",
            ])
    }

    /// A series whose attributes follow its observations keeps them: the survey pass finds them and the
    /// second pass gives them to the series when it starts, with their own columns.
    @Test func seriesAttributesAfterTheObservationsAreKept() throws {
        let late = """
            [{"structure":0,"series":{"0":{"observations":{"0":[12.5,0]},"attributes":[0]},
            "1":{"attributes":[0],"observations":{"1":[1,1]}},
            "0":{"observations":{"1":[2,1]},"attributes":[null]}}}]
            """
        let result = try events(#"{"data":{"structures":[\#(Self.structure)],"dataSets":\#(late)}}"#)
        #expect(
            result == [
                "header -", "dataset IDAC:DF(1.0) - ", "series FREQ=A,SEX=F,UNIT=PS",
                "obs@7:109 TIME_PERIOD=2023,OBS_VALUE=12.5,OBS_STATUS=A", "end series",
                "series FREQ=A,SEX=M,UNIT=PS", "obs@8:39 TIME_PERIOD=2024,OBS_VALUE=1,OBS_STATUS=P", "end series",
                "series FREQ=A,SEX=F", "obs@9:22 TIME_PERIOD=2024,OBS_VALUE=2,OBS_STATUS=P", "end series",
                "end dataset",
            ], "a late null leaves the third series without the first one's unit")
    }

    /// Bytes that are not UTF-8 in a string are a problem at the string's line and column, reported
    /// with the observation it belongs to (and once, after the header, for the structure section's);
    /// reading goes on with U+FFFD in their place.
    @Test func textThatIsNotUTF8IsAProblemWhereItIs() throws {
        let structure = Self.structure.replacingOccurrences(of: #""name":"Annual""#, with: #""name":"BAD""#)
        let message = """
            {"data":{"structures":[\(structure)],
            "dataSets":[{"structure":0,"series":{"0":{"observations":{
            "0":["1BAD2",0]}}}}]}}
            """
        // "BAD" becomes 0xC3 0x28: a lead byte followed by one that does not continue it.
        let parts = message.components(separatedBy: "BAD")
        var bytes = Array(parts[0].utf8)
        for part in parts.dropFirst() { bytes += [0xC3, 0x28] + Array(part.utf8) }
        let log = EventLog()
        try SDMXJSONDataReader().read(source: MemorySource(bytes: bytes, name: "m.json", chunkSize: 7), into: log)
        let problems = log.events.filter { $0.hasPrefix("problem") }
        #expect(problems.count == 2, "\(log.events)")
        #expect(problems.first?.hasPrefix("problem@2:66 ") == true && problems.first?.contains("1 string(s)") == true)
        #expect(problems.last?.hasPrefix("problem@9:6 ") == true, "\(problems)")
        #expect(problems.last?.contains("not valid UTF-8") == true)
        #expect(log.events.contains { $0.hasPrefix("obs@9:1 TIME_PERIOD=2023,OBS_VALUE=1\u{FFFD}(2") }, "\(log.events)")
    }

    /// SDMX-JSON 1.0: top-level `structure` and `dataSets`, flat observations keyed by every dimension.
    @Test func flatOneZeroMessage() throws {
        let flat = Self.structure.replacingOccurrences(
            of: #""series":[{"id":"SEX""#, with: #""series":[],"x":[{"id":"SEX""#
        )
        .replacingOccurrences(
            of: #""observation":[{"id":"TIME_PERIOD""#,
            with: #""observation":[{"id":"SEX","values":[{"id":"F"}]},{"id":"TIME_PERIOD""#)
        let result = try events(
            #"{"header":{"id":"H"},"dataSets":[{"observations":{"0:1":[7,1]}}],"structure":\#(flat)}"#)
        #expect(
            result == [
                "header H", "dataset IDAC:DF(1.0) - ",
                "obs@1:51 FREQ=A,SEX=F,TIME_PERIOD=2024,OBS_VALUE=7,OBS_STATUS=P", "end dataset",
            ])
    }

    @Test func aMessageWithoutItsStructureIsAnErrorAtItsDataset() {
        #expect(throws: SDMXError.self) { try events(#"{"data":{"dataSets":[{"series":{}}]}}"#) }
    }
}
