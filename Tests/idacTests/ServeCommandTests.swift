import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `idac serve` as a process: it starts on a free port, answers, logs each request, and stops cleanly on
/// SIGTERM. The real SDMX clients (sdmx1, pysdmx) talk to it where they are installed.
@Suite(.serialized) struct ServeCommandTests {
    @Test func servesLogsAndStopsOnSIGTERM() async throws {
        let service = try RunningService.start()
        let (body, status, _) = try await service.get("/health")
        #expect(status == 200)
        #expect(body == "ok\n")
        let (_, notFound, _) = try await service.get("/rest/data/IDAC,NO_SUCH_FLOW,1.0/all")
        #expect(notFound == 404)
        let (exitStatus, log) = try service.stop()
        #expect(exitStatus == 0)
        #expect(log.contains("GET /health 200 3 bytes"))
        #expect(log.contains("GET /rest/data/IDAC,NO_SUCH_FLOW,1.0/all 404"))
    }

    /// The upload folder the service made for itself (none was given) is removed when it stops.
    @Test func removesItsOwnUploadFolderWhenItStops() throws {
        let temporary = NSTemporaryDirectory()
        func uploadFolders() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("idac-uploads-") })
        }
        // Folders of other processes (a killed one leaves its own) are not this service's.
        let before = try uploadFolders()
        let service = try RunningService.start()
        let own = "idac-uploads-\(service.process.processIdentifier)-"
        let made = try uploadFolders().subtracting(before).filter { $0.hasPrefix(own) }
        #expect(made.count == 1)
        let (status, _) = try service.stop()
        #expect(status == 0)
        #expect(try uploadFolders().isDisjoint(with: made))
    }

    @Test func refusesToStartWithoutARepository() throws {
        let run = try CommandLineTests().idac(
            arguments: ["serve", "--port", "0", "--repository", TestPaths.temporaryDirectory() + "/none.sqlite"])
        #expect(run.status == 2)
        #expect(run.errors.contains("there is no repository"))
    }

    /// sdmx1 as its documentation shows: a source added by URL, data fetched by key.
    @Test(.requires(.sdmx1)) func sdmx1FetchesData() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let script = """
            import sdmx, sys
            sdmx.add_source({"id": "IDAC", "url": sys.argv[1] + "/rest", "name": "IDAC"})
            client = sdmx.Client("IDAC")
            flows = client.dataflow()
            print(sorted(flows.dataflow))
            flow = client.dataflow("DF_CHILD_MIGRATION")
            dsd = flow.structure["DSD_CHILD_MIGRATION"]
            print(len(dsd.dimensions), len(flow.codelist))
            message = client.data("DF_CHILD_MIGRATION", key="Q.KEN.....", dsd=dsd)
            print(sum(len(d.obs) for d in message.data))
            message = client.data(
                "DF_CHILD_MIGRATION", key=dict(REF_AREA="KEN"), params=dict(startPeriod="2024-Q2"))
            print(sum(len(d.obs) for d in message.data))
            """
        let output = try PythonScript.run(script, arguments: [service.baseURL])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "['DF_CHILDREN_LEFT_BEHIND', 'DF_CHILD_MIGRATION']")
        #expect(lines.dropFirst().first?.hasPrefix("8 ") == true)
        #expect(lines.dropFirst(2).first == "16")
        #expect(lines.last == "12")
    }

    /// pysdmx's registry client, which asks for SDMX-JSON 2.0.0 structures: a code list, a dataflow, and the
    /// schema of a dataflow read from its structure with references (what `/schema` answers).
    @Test(.requires(.sdmx1)) func pysdmxRegistryClientReadsJSONStructures() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let script = """
            import sys, urllib.request
            from msgspec.json import decode
            from pysdmx.api.fmr import RegistryClient
            from pysdmx.io.json.sdmxjson2.messages import JsonSchemaMessage
            client = RegistryClient(sys.argv[1] + "/rest/v2")
            codes = client.get_codes("SDMX", "CL_FREQ")
            print(codes.id, len(codes.items))
            flow = client.get_dataflow_details("IDAC", "DF_CHILD_MIGRATION", "1.0", detail="core")
            print(flow.id)
            request = urllib.request.Request(
                sys.argv[1] + "/rest/v2/structure/dataflow/IDAC/DF_CHILD_MIGRATION/1.0?references=descendants",
                headers={"Accept": "application/vnd.sdmx.structure+json;version=2.0.0"})
            raw = urllib.request.urlopen(request).read()
            schema = decode(raw, type=JsonSchemaMessage).to_model("dataflow", "IDAC", "DF_CHILD_MIGRATION", "1.0", ())
            print(len(schema.components), sum(1 for c in schema.components if c.enumeration))
            """
        let output = try PythonScript.run(script, arguments: [service.baseURL])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines == ["CL_FREQ 6", "DF_CHILD_MIGRATION", "15 11"], "\(output)")
    }

    /// pysdmx's RestService on both APIs, in SDMX-CSV 2.0 and 1.0 and SDMX-ML 2.1 generic and structure
    /// specific, read back with pysdmx's own reader.
    @Test(.requires(.sdmx1)) func pysdmxFetchesData() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let script = """
            import sys
            from pysdmx.api.qb import RestService, DataQuery, ApiVersion
            from pysdmx.io.format import DataFormat, StructureFormat
            from pysdmx.io import read_sdmx
            for api, path, fmt in [
                (ApiVersion.V1_5_0, "/rest", DataFormat.SDMX_CSV_2_0_0),
                (ApiVersion.V2_0_0, "/rest/v2", DataFormat.SDMX_CSV_1_0_0),
                (ApiVersion.V1_5_0, "/rest", DataFormat.SDMX_ML_2_1_GEN),
                (ApiVersion.V2_0_0, "/rest/v2", DataFormat.SDMX_ML_2_1_STR),
            ]:
                service = RestService(sys.argv[1] + path, api, data_format=fmt,
                                      structure_format=StructureFormat.SDMX_ML_2_1)
                raw = service.data(DataQuery(agency_id="IDAC", resource_id="DF_CHILD_MIGRATION", version="1.0",
                                             key="Q.KEN....."))
                message = read_sdmx(raw.decode(), validate=False)
                print(sum(len(d.data) for d in message.data))
            """
        let output = try PythonScript.run(script, arguments: [service.baseURL])
        #expect(output.split(separator: "\n") == ["16", "16", "16", "16"])
    }

    /// SDMX-ML 3.0, what SDMX REST 2.x offers beside 2.1: pysdmx reads the structures (checking them against
    /// its copy of the official schema) and the data, and sdmx1 reads both too.
    @Test(.requires(.sdmx1)) func clientsReadSDMXML30() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let script = """
            import io, sys, sdmx
            import sdmx.reader.xml.v30
            from pysdmx.api.qb import (ApiVersion, DataQuery, RestService, StructureQuery, StructureReference,
                                       StructureType)
            from pysdmx.io import read_sdmx
            from pysdmx.io.format import DataFormat, StructureFormat
            service = RestService(sys.argv[1] + "/rest/v2", ApiVersion.V2_0_0, data_format=DataFormat.SDMX_ML_3_0,
                                  structure_format=StructureFormat.SDMX_ML_3_0)
            raw = service.structure(StructureQuery(
                artefact_type=StructureType.DATAFLOW, agency_id="IDAC", resource_id="DF_CHILD_MIGRATION",
                version="1.0", references=StructureReference.ALL))
            structures = read_sdmx(raw.decode(), validate=True).structures
            dsd = next(s for s in structures if type(s).__name__ == "DataStructureDefinition")
            print(dsd.id, len(dsd.components))
            message = sdmx.read_sdmx(io.BytesIO(raw))
            print(len(message.codelist), list(message.structure))
            data = service.data(DataQuery(agency_id="IDAC", resource_id="DF_CHILD_MIGRATION", version="1.0",
                                          key="Q.KEN....."))
            print(sum(len(d.data) for d in read_sdmx(data.decode(), validate=False).data))
            print(sum(len(d.obs) for d in sdmx.read_sdmx(io.BytesIO(data), structure=message.structure[0]).data))
            """
        let output = try PythonScript.run(script, arguments: [service.baseURL])
        #expect(
            output.split(separator: "\n") == ["DSD_CHILD_MIGRATION 15", "10 ['DSD_CHILD_MIGRATION']", "16", "16"],
            "\(output)")
    }

    /// Availability and schema queries as the clients send them: pysdmx's RestService (1.5 and 2.x, SDMX-ML
    /// 2.1) read back with pysdmx's reader, and sdmx1's `Client.availableconstraint`.
    @Test(.requires(.sdmx1)) func clientsReadAvailabilityAndSchema() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let script = """
            import sys, sdmx
            from pysdmx.api.qb import RestService, AvailabilityQuery, SchemaQuery, ApiVersion
            from pysdmx.api.qb.schema import SchemaContext
            from pysdmx.io.format import StructureFormat, SchemaFormat, AvailabilityFormat
            from pysdmx.io import read_sdmx
            for api, path, key in [
                (ApiVersion.V1_5_0, "/rest", "Q.KEN..SSD"), (ApiVersion.V2_0_0, "/rest/v2", "Q.KEN.*.SSD")
            ]:
                service = RestService(sys.argv[1] + path, api, structure_format=StructureFormat.SDMX_ML_2_1,
                                      schema_format=SchemaFormat.SDMX_ML_2_1_STRUCTURE,
                                      avail_format=AvailabilityFormat.SDMX_ML_2_1)
                raw = service.availability(AvailabilityQuery(
                    agency_id="IDAC", resource_id="DF_CHILD_MIGRATION", version="1.0", key=key))
                constraint = read_sdmx(raw.decode(), validate=False).structures[0]
                values = {kv.id: [v.value for v in kv.values] for kv in constraint.cube_region.key_values}
                print(values["COUNTRY_ORIGIN"], values["SEX"])
                raw = service.schema(SchemaQuery(
                    context=SchemaContext.DATAFLOW, agency_id="IDAC", resource_id="DF_CHILD_MIGRATION", version="1.0"))
                structures = read_sdmx(raw.decode(), validate=False).structures
                names = {type(s).__name__ for s in structures}
                print(sorted(names & {"DataStructureDefinition", "Dataflow"}))
            sdmx.add_source({"id": "IDAC", "url": sys.argv[1] + "/rest", "name": "IDAC",
                             "supports": {"availableconstraint": True}})
            message = sdmx.Client("IDAC").availableconstraint("DF_CHILD_MIGRATION")
            constraint = next(iter(message.constraint.values()))
            counts = {str(a.id): str(a.title) for a in constraint.annotations}
            print(constraint.role.role.name, len(constraint.data_content_region[0].member), counts["obs_count"],
                  counts["series_count"])
            """
        let output = try PythonScript.run(script, arguments: [service.baseURL])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(output)")
        #expect(lines.first == "['SSD'] ['_T']")
        #expect(lines.dropFirst(2).first == "['SSD'] ['_T']")
        #expect(lines.dropFirst().first?.contains("DataStructureDefinition") == true)
        #expect(lines.last == "actual 8 16 4")
    }
}

/// A started `idac serve` over a repository ingested from the Kenya sample.
final class RunningService {
    let process: Process
    let baseURL: String
    private let errors: Pipe

    /// Over a new SQLite repository of the Kenya sample, or over `repository` as it is; `prepare` is given the
    /// repository before the service starts (to add accounts).
    static func start(repository given: String? = nil, prepare: (String) throws -> Void = { _ in }) throws
        -> RunningService
    {
        let repository = try given ?? TestPaths.temporaryDirectory() + "/alliance.sqlite"
        if given == nil {
            let ingest = try CommandLineTests().idac(
                arguments: [
                    "ingest", "--repository", repository, TestPaths.project("SampleData/kenya-2024-quarterly.xml"),
                ])
            guard ingest.status == 0 else { throw ServiceFailure(message: "ingest failed: \(ingest.errors)") }
        }
        try prepare(repository)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = ["serve", "--port", "0", "--repository", repository]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // However the start fails, the process does not outlive it.
        var started = false
        defer { if !started, process.isRunning { process.terminate() } }
        // The first log line names the port: "… serving http://127.0.0.1:PORT/rest/ …".
        var seen = ""
        let handle = errors.fileHandleForReading
        while !seen.contains("/rest/ (") {
            let data = handle.availableData
            if data.isEmpty { throw ServiceFailure(message: "idac serve stopped: \(seen)") }
            seen += String(decoding: data, as: UTF8.self)
        }
        guard let range = seen.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
            throw ServiceFailure(message: "no address in: \(seen)")
        }
        started = true
        return RunningService(process: process, baseURL: String(seen[range]), errors: errors)
    }

    /// A test that fails before calling ``stop()`` still stops its service.
    deinit {
        if process.isRunning { process.terminate() }
    }

    private init(process: Process, baseURL: String, errors: Pipe) {
        self.process = process
        self.baseURL = baseURL
        self.errors = errors
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> (String, Int, HTTPURLResponse?) {
        guard let url = URL(string: baseURL + path) else { throw ServiceFailure(message: "bad URL \(path)") }
        var request = URLRequest(url: url)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (String(decoding: data, as: UTF8.self), http?.statusCode ?? 0, http)
    }

    /// SIGTERM, then the exit status and everything logged.
    func stop() throws -> (Int32, String) {
        process.terminate()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, log)
    }

    struct ServiceFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// Runs a Python script with the interpreter that has sdmx1 and pysdmx; its standard output.
enum PythonScript {
    static func run(_ script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalRequirement.sdmx1Python ?? "/usr/bin/false")
        process.arguments = ["-c", script] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let drain = Thread { _ = errors.fileHandleForReading.readDataToEndOfFile() }
        drain.start()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }
}
