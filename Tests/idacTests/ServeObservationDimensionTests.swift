import Foundation
import TestSupport
import Testing

/// sdmx1 asks for another dimension than the time at the observation level (`dimensionAtObservation` in
/// `params`, as its documentation shows) and reads exactly the observations of the default answer, in series
/// keyed by the other dimensions and TIME_PERIOD.
@Suite(.serialized) struct ServeObservationDimensionTests {
    @Test(.requires(.sdmx1)) func sdmx1ReadsSeriesWithSexAtTheObservation() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let script = """
            import sdmx, sys
            sdmx.add_source({"id": "IDAC", "url": sys.argv[1] + "/rest", "name": "IDAC"})
            client = sdmx.Client("IDAC")
            dsd = client.dataflow("DF_CHILD_MIGRATION").structure["DSD_CHILD_MIGRATION"]
            dimensions = {d.id for d in dsd.dimensions}
            def observations(message):
                # The observations' dimension values and values (sdmx1 adds the series attributes to keys).
                return sorted(
                    (tuple(sorted((k, str(v.value)) for k, v in o.key.values.items() if k in dimensions)),
                     str(o.value))
                    for d in message.data for o in d.obs)
            plain = client.data("DF_CHILD_MIGRATION", dsd=dsd)
            for kind in ("structurespecificdata", "genericdata"):
                by_sex = client.data(
                    "DF_CHILD_MIGRATION", dsd=dsd, params=dict(dimensionAtObservation="SEX"),
                    headers={"Accept": "application/vnd.sdmx.%s+xml;version=2.1" % kind})
                series = by_sex.data[0].series
                print(kind, len(series), sorted(len(obs) for obs in series.values()),
                      all("TIME_PERIOD" in key.values and "SEX" not in key.values for key in series),
                      len(observations(plain)), observations(by_sex) == observations(plain))
            """
        let output = try PythonScript.run(script, arguments: [service.baseURL])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "structurespecificdata 8 [1, 1, 1, 1, 3, 3, 3, 3] True 16 True", "\(output)")
        #expect(lines.last == "genericdata 8 [1, 1, 1, 1, 3, 3, 3, 3] True 16 True", "\(output)")
    }
}
