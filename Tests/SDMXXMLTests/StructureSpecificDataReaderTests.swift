import SDMXModel
import SDMXXML
import TestSupport
import Testing

/// Counts what a reader sends, checking it sends events in a sensible order.
final class CountingHandler: DataHandler {
    var header: DataMessageHeader?
    var dataSets = 0
    var series = 0
    var observations = 0
    var groups = 0
    var openSeries = false
    var firstObservation: [ComponentValue] = []
    var firstObservationLine = 0
    var structures: [ArtefactReference?] = []

    func header(_ header: DataMessageHeader) throws { self.header = header }
    func startDataSet(_ dataSet: DataSetStart) throws {
        dataSets += 1
        structures.append(dataSet.structure)
    }
    func group(id: String?, values: [ComponentValue], at position: DataPosition) throws { groups += 1 }
    func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        #expect(!openSeries)
        openSeries = true
        series += 1
    }
    func observation(values: [ComponentValue], at position: DataPosition) throws {
        if observations == 0 {
            firstObservation = values
            firstObservationLine = position.line
        }
        observations += 1
    }
    func endSeries() throws { openSeries = false }
    func endDataSet() throws {}
}

@Suite struct StructureSpecificDataReaderTests {
    /// Observation and series counts of the corpus's SDMX-ML 2.1 structure-specific files, counted
    /// independently (the `<Obs` and `<Series` elements in each file).
    static let expected: [(file: String, observations: Int, series: Int)] = [
        ("sdmx-ml-2.1/samples/exr/ecb_exr_ng/structured/ecb_exr_ng_flat.xml", 12, 0),
        ("sdmx-ml-2.1/samples/exr/ecb_exr_ng/structured/ecb_exr_ng_xs.xml", 12, 3),
        ("sdmx-ml-2.1/samples/exr/ecb_exr_ng/structured/ecb_exr_ng_ts.xml", 12, 4),
        ("sdmx-ml-2.1/samples/exr/ecb_exr_rg/structured/ecb_exr_rg_ts_gf.xml", 12, 4),
        ("sdmx-ml-2.1/samples/exr/ecb_exr_sg/structured/ecb_exr_sg_ts_gf_flat.xml", 12, 0),
        ("sdmx-test-data/ECB_EXR/ng-ts-ss.xml", 12, 4),
        ("sdmx-test-data/ECB_EXR/rg-flat-ss.xml", 12, 0),
        ("sdmx-test-data/ECB_EXR/sg-xs-ss.xml", 12, 3),
        ("sdmx-test-data/ECB_EXR/sg-ts-gf-ss.xml", 12, 4),
        ("sdmx-test-data/ESTAT/demography-xs.xml", 60, 18),
        ("sdmx-test-data/v21/xml/demography/demography_xs.xml", 60, 18),
    ]

    @Test(.requires(.corpus), arguments: expected.map(\.file))
    func readsCorpusFile(_ file: String) throws {
        let handler = CountingHandler()
        try StructureSpecificDataReader().read(path: TestPaths.corpus(file), into: handler)
        let expectation = try #require(Self.expected.first { $0.file == file })
        #expect(handler.observations == expectation.observations)
        #expect(handler.series == expectation.series)
        #expect(handler.dataSets >= 1)
        #expect(handler.header?.structures.isEmpty == false)
        #expect(handler.structures.allSatisfy { $0 != nil }, "each dataset finds its structure in the header")
    }

    @Test(.requires(.corpus)) func givesValuesAndLines() throws {
        let handler = CountingHandler()
        try StructureSpecificDataReader().read(
            path: TestPaths.corpus("sdmx-test-data/ECB_EXR/ng-ts-ss.xml"), into: handler)
        #expect(handler.header?.structures.first?.reference.id == "ECB_EXR_NG")
        #expect(handler.header?.structures.first?.dimensionAtObservation == "TIME_PERIOD")
        #expect(handler.firstObservation.contains(ComponentValue(id: "TIME_PERIOD", value: "2010-08", column: 4)))
        #expect(handler.firstObservationLine == 16)
    }

    @Test func multiLineStartTagsReportTheirFirstLine() throws {
        let xml = """
            <?xml version="1.0"?>
            <m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
            <m:DataSet>
              <Obs
                 TIME_PERIOD="2024"
                 OBS_VALUE="1"/>
            </m:DataSet>
            </m:StructureSpecificData>
            """
        let handler = CountingHandler()
        try StructureSpecificDataReader().read(bytes: Array(xml.utf8), source: "inline.xml", into: handler)
        #expect(handler.firstObservationLine == 4)
        #expect(handler.firstObservation.first?.column == 3)
    }
}
