import Foundation
import TestSupport
import Testing

/// A component given twice for one observation is a DUPLICATE_COMPONENT error, never last-wins: a
/// REF_AREA on an `Obs` of another value than its series' stored the observation under another country.
@Suite struct DuplicateComponentTests {
    let cli = CommandLineTests()

    func write(_ text: String, _ name: String) throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func sample(_ name: String) throws -> String {
        try String(contentsOfFile: TestPaths.project("SampleData/" + name), encoding: .utf8)
    }

    /// Validates, and ingests into a new repository: both must refuse the file, and nothing is stored.
    func expectRefused(
        _ path: String, _ needles: [String], profile: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let extra = profile.map { ["--profile", $0] } ?? []
        let run = try cli.idac(arguments: ["validate", path] + extra)
        #expect(run.status == 1, "\(run.output)\(run.errors)", sourceLocation: sourceLocation)
        #expect(run.output.contains("DUPLICATE_COMPONENT"), "\(run.output)", sourceLocation: sourceLocation)
        for needle in needles {
            #expect(run.output.contains(needle), "\(needle): \(run.output)", sourceLocation: sourceLocation)
        }
        let repository = try TestPaths.temporaryDirectory() + "/r.sqlite"
        let ingest = try cli.idac(arguments: ["ingest", "--repository", repository, path] + extra)
        #expect(ingest.status == 1, "\(ingest.output)\(ingest.errors)", sourceLocation: sourceLocation)
        let status = try cli.idac("status", "--repository", repository)
        #expect(
            status.status == 2 || status.output.contains("holds no observations"), "\(status.output)",
            sourceLocation: sourceLocation)
    }

    @Test func sdmxCSVHeaderNamingAComponentTwiceIsRefused() throws {
        var lines = try sample("kenya-2024-quarterly.csv").split(separator: "\n", omittingEmptySubsequences: false)
        lines[0] = Substring(lines[0].replacingOccurrences(of: ",CONF_STATUS,", with: ",REF_AREA,"))
        lines[1] = Substring(lines[1].replacingOccurrences(of: ",A,,,", with: ",A,UGA,,"))
        let path = try write(lines.joined(separator: "\n"), "twice.csv")
        try expectRefused(path, ["REF_AREA twice (columns 5 and 16)", "twice.csv:1:16"])
    }

    @Test func observationOverridingItsSeriesIsRefusedNamingBothValues() throws {
        let text = try sample("kenya-2024-quarterly.xml").replacingOccurrences(
            of: "<Obs TIME_PERIOD=\"2024-Q2\" OBS_VALUE=\"388\"",
            with: "<Obs REF_AREA=\"UGA\" TIME_PERIOD=\"2024-Q2\" OBS_VALUE=\"388\"")
        let path = try write(text, "override.xml")
        let line =
            text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("REF_AREA=\"UGA\"") }.map { $0 + 1 } ?? 0
        try expectRefused(path, ["'KEN' on the series", "'UGA' on the observation", "override.xml:\(line):"])
    }

    @Test func observationRepeatingItsSeriesValueIsAccepted() throws {
        let text = try sample("kenya-2024-quarterly.xml").replacingOccurrences(
            of: "<Obs TIME_PERIOD=\"2024-Q2\"", with: "<Obs REF_AREA=\"KEN\" TIME_PERIOD=\"2024-Q2\"")
        let run = try cli.idac("validate", try write(text, "same.xml"))
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func compRepeatingAnAttributeOfItsObservationIsRefused() throws {
        let text = try sample("kenya-2024-quarterly.xml").replacingOccurrences(
            of: "<Obs TIME_PERIOD=\"2024-Q1\" OBS_VALUE=\"412\" OBS_STATUS=\"A\"/>",
            with:
                "<Obs TIME_PERIOD=\"2024-Q1\" OBS_VALUE=\"412\" OBS_STATUS=\"A\"><Comp id=\"OBS_VALUE\"><Value>9</Value></Comp></Obs>"
        )
        try expectRefused(try write(text, "comp.xml"), ["gives OBS_VALUE twice"])
    }

    static func generic(seriesKey: String, obsAttributes: String = "") -> String {
        """
        <?xml version="1.0"?>
        <message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
        <message:Header><message:ID>X</message:ID><message:Test>true</message:Test><message:Prepared>2025-01-01T00:00:00Z</message:Prepared><message:Sender id="X"/>
        <message:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"><common:StructureUsage><Ref agencyID="IDAC" id="DF_CHILD_MIGRATION" version="1.0"/></common:StructureUsage></message:Structure></message:Header>
        <message:DataSet structureRef="S">
        <generic:Series><generic:SeriesKey><generic:Value id="FREQ" value="A"/>\(seriesKey)<generic:Value id="INDICATOR" value="MG_ASYLM_APPL_NEW"/><generic:Value id="COUNTRY_ORIGIN" value="SOM"/><generic:Value id="SEX" value="F"/><generic:Value id="AGE" value="Y0T17"/><generic:Value id="ACCOMPANIMENT" value="_T"/></generic:SeriesKey>
        <generic:Attributes><generic:Value id="UNIT_MEASURE" value="PS"/><generic:Value id="UNIT_MULT" value="0"/></generic:Attributes>
        <generic:Obs><generic:ObsDimension value="2024"/><generic:ObsValue value="1"/><generic:Attributes><generic:Value id="OBS_STATUS" value="A"/>\(obsAttributes)</generic:Attributes></generic:Obs>
        </generic:Series></message:DataSet></message:GenericData>
        """
    }

    @Test func genericValueRepeatedInOneKeyIsRefused() throws {
        let valid = try cli.idac(
            "validate", try write(Self.generic(seriesKey: "<generic:Value id=\"REF_AREA\" value=\"KEN\"/>"), "ok.xml"))
        #expect(valid.status == 0, "\(valid.output)")
        // The same value twice is refused too: a key names each dimension once.
        let twice = Self.generic(
            seriesKey: "<generic:Value id=\"REF_AREA\" value=\"KEN\"/><generic:Value id=\"REF_AREA\" value=\"KEN\"/>")
        try expectRefused(try write(twice, "twice.xml"), ["the Series gives REF_AREA twice"])
        let other = Self.generic(
            seriesKey: "<generic:Value id=\"REF_AREA\" value=\"KEN\"/><generic:Value id=\"REF_AREA\" value=\"UGA\"/>")
        try expectRefused(try write(other, "other.xml"), ["REF_AREA twice"])
    }

    @Test func genericObservationAttributeRepeatedOrOverridingIsRefused() throws {
        let key = "<generic:Value id=\"REF_AREA\" value=\"KEN\"/>"
        let repeated = Self.generic(seriesKey: key, obsAttributes: "<generic:Value id=\"OBS_STATUS\" value=\"P\"/>")
        try expectRefused(try write(repeated, "status.xml"), ["the Obs gives OBS_STATUS twice"])
        let overriding = Self.generic(seriesKey: key, obsAttributes: "<generic:Value id=\"REF_AREA\" value=\"UGA\"/>")
        try expectRefused(try write(overriding, "area.xml"), ["'KEN' on the series", "'UGA' on the observation"])
    }

    @Test func countryCSVHeaderOrProfileGivingAComponentTwiceIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory()
        let profile = """
            {"dataflow": "IDAC:DF_CHILD_MIGRATION(1.0)",
             "columns": {"Origin": "COUNTRY_ORIGIN", "Area": "REF_AREA", "Year": "TIME_PERIOD", "Value": "OBS_VALUE"},
             "fixed": {"FREQ": "A", "INDICATOR": "MG_ASYLM_APPL_NEW", "SEX": "F", "AGE": "Y0T17",
                       "ACCOMPANIMENT": "_T", "UNIT_MEASURE": "PS", "UNIT_MULT": "0", "OBS_STATUS": "A"}}
            """
        try profile.write(toFile: directory + "/p.json", atomically: false, encoding: .utf8)
        let good = try write("Origin,Area,Year,Value\nSOM,KEN,2024,1\n", "good.csv")
        let valid = try cli.idac("validate", "--profile", directory + "/p.json", good)
        #expect(valid.status == 0, "\(valid.output)\(valid.errors)")
        let twice = try write("Origin,Area,Year,Value,Area\nSOM,KEN,2024,1,UGA\n", "twice.csv")
        try expectRefused(twice, ["'Area' twice (columns 2 and 5)"], profile: directory + "/p.json")

        let both = profile.replacingOccurrences(
            of: "\"Value\": \"OBS_VALUE\"", with: "\"Value\": \"OBS_VALUE\", \"Land\": \"REF_AREA\"")
        try both.write(toFile: directory + "/both.json", atomically: false, encoding: .utf8)
        let run = try cli.idac("validate", "--profile", directory + "/both.json", good)
        #expect(run.status == 2)
        #expect(run.errors.contains("maps both 'Area' and 'Land' to REF_AREA"), "\(run.errors)")
    }
}
