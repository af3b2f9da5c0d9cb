// libFuzzer harnesses for every reader; built and run by scripts/fuzz (see the README).
// In an ordinary build this is a program that says how to fuzz.
#if FUZZING
    import Foundation
    import IDACSubmission
    import SDMXCSV
    import SDMXInput
    import SDMXJSON
    import SDMXModel
    import SDMXValidation
    import SDMXXML

    /// What the fuzzers share, made once: the Alliance's structures, rules and a country-CSV profile.
    enum FuzzSetup {
        static let target = ProcessInfo.processInfo.environment["IDAC_FUZZ_TARGET"] ?? "data"
        static let catalog: StructureCatalog = (try? StructureLoader().loadEmbedded()) ?? StructureCatalog()
        static let rules: ValidationRules = (try? ValidationRules.load(from: catalog)) ?? ValidationRules()
        static let workFile = NSTemporaryDirectory() + "idac-fuzz-\(getpid())"
        static let profile: CountryCSVProfile? = {
            let path = NSTemporaryDirectory() + "idac-fuzz-profile-\(getpid()).json"
            let text =
                #"{"dataflow": "IDAC:DF_CHILD_MIGRATION(1.0)", "encoding": "Windows-1252", "delimiter": ";", "decimal": ",", "skipRows": 1, "#
                + #""columns": {"FREQ": "FREQ", "REF_AREA": "REF_AREA", "SEX": "SEX", "TIME_PERIOD": "TIME_PERIOD", "OBS_VALUE": "OBS_VALUE"}, "#
                + #""fixed": {"INDICATOR": "MG_RETURNED"}, "codes": {"SEX": {"Girls": "F"}}, "missing": {"values": [".."], "status": "O"}}"#
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return try? CountryCSVProfile.load(path: path)
        }()
    }

    /// libFuzzer's entry point: reads the input with the reader `IDAC_FUZZ_TARGET` names (`data` by default:
    /// whatever format the input's start shows), throwing every error away; only a crash, a hang or a leak is
    /// a finding. Always 0, as libFuzzer asks.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        // Small chunks, so that every reader's state crosses chunk boundaries.
        let source = MemorySource(bytes: bytes, name: "fuzz", chunkSize: 61)
        switch FuzzSetup.target {
        case "structure":
            _ = try? StructureMessageReader().read(source: source)
        case "country":
            if let profile = FuzzSetup.profile {
                let validator = DataValidator(
                    catalog: FuzzSetup.catalog, rules: FuzzSetup.rules, recentObservationsLog2: 6)
                try? CountryCSVReader(profile: profile).read(source: source, into: validator)
            }
        case "workbook":
            // An Excel workbook whose sheet, shared strings, styles or workbook part is the input.
            if (try? Data(FuzzWorkbook.bytes(bytes)).write(to: URL(fileURLWithPath: FuzzSetup.workFile))) != nil,
                let validator = try? SubmissionValidator(catalog: FuzzSetup.catalog)
            {
                _ = try? validator.validate(path: FuzzSetup.workFile)
            }
        case "json":
            // SDMX-JSON whatever its start looks like: the tokenizer and both passes of the reader.
            let validator = DataValidator(catalog: FuzzSetup.catalog, rules: FuzzSetup.rules, recentObservationsLog2: 6)
            try? SDMXJSONDataReader().read(source: source, into: validator)
            _ = validator.collector.sortedFindings
            // The same bytes as an SDMX-JSON structure message, loaded into a catalog as `--structure` does.
            let structure = MemorySource(bytes: bytes, name: "fuzz", chunkSize: 61)
            if let message = try? SDMXJSONStructureReader().read(source: structure) {
                var catalog = StructureCatalog()
                try? catalog.add(message)
                _ = catalog.unresolvedReferences()
            }
        case "archive":
            // Compressed input is read from a file, as idac reads it.
            if (try? Data(bytes).write(to: URL(fileURLWithPath: FuzzSetup.workFile))) != nil,
                let validator = try? SubmissionValidator(catalog: FuzzSetup.catalog)
            {
                _ = try? validator.validate(path: FuzzSetup.workFile)
            }
        default:
            guard case .data(let format) = FormatDetector.detect(prefix: Array(bytes.prefix(4096))) else { return 0 }
            let validator = DataValidator(catalog: FuzzSetup.catalog, rules: FuzzSetup.rules, recentObservationsLog2: 6)
            try? DataFileReader.read(source: source, format: format, into: validator)
            _ = validator.collector.sortedFindings
        }
        return 0
    }
#else
    /// Without the fuzzer, this program only says how to run it.
    @main
    struct FuzzHarnessInfo {
        static func main() {
            print("The fuzz harnesses run under libFuzzer: use scripts/fuzz TARGET [SECONDS] (see the README).")
        }
    }
#endif
