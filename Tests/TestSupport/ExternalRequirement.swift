import Foundation
import Testing

/// Something outside the package that a test needs: a tool, the shared corpus, a Python package.
///
/// A test that needs one is *skipped*, with the reason, where it is absent (`.requires(.corpus)`), so a
/// bare clone passes `swift test`. `.ci/run` installs everything and sets `IDAC_TESTS_SKIP_NOTHING=1`:
/// then every requirement counts as met, the test runs, and an absent tool fails it instead of skipping it.
public enum ExternalRequirement: Sendable {
    /// `../shared/corpus` beside the project (public SDMX files and the official schemas).
    case corpus
    /// `xmllint` (Debian's libxml2-utils), for checking files against the official XSDs.
    case xmllint
    /// Chromium, for opening HTML pages in a real browser.
    case chromium
    /// A Python with the `sdmx1` and `pysdmx` packages (`.venv`, which `.ci/run` makes, or `IDAC_SDMX1_PYTHON`).
    case sdmx1
    /// The Python of `.sdmx1` with the `jsonschema` package, for checking SDMX-JSON against the official schemas.
    case jsonSchema
    /// The Python of `.sdmx1` with the `openpyxl` package, for writing and reading Excel workbooks.
    case openpyxl
    /// Chromium, chromium-driver and the Python of `.sdmx1` with selenium, for using the portal's pages.
    case selenium
    /// R's `Rscript` with the rsdmx package (Debian's `r-cran-rsdmx`), an SDMX REST client of its own.
    case rsdmx
    /// A PostgreSQL database for the repository tests: `IDAC_TEST_POSTGRES_URL` (`.ci/run` starts a throw-away
    /// server and sets it).
    case postgres

    /// Whether CI asked for no skips.
    public static var skipNothing: Bool { ProcessInfo.processInfo.environment["IDAC_TESTS_SKIP_NOTHING"] == "1" }

    /// Whether the requirement is there (or CI asked for no skips, so the test runs and fails without it).
    public var isMet: Bool { Self.skipNothing || isPresent }

    /// Whether the requirement is really there.
    public var isPresent: Bool {
        switch self {
        case .corpus: TestPaths.corpusIsPresent
        case .xmllint: Self.xmllintPath != nil
        case .chromium: HeadlessBrowser.path != nil
        case .sdmx1: Self.sdmx1Python != nil
        case .jsonSchema: Self.hasJSONSchema
        case .openpyxl: Self.hasOpenpyxl
        case .selenium: HeadlessBrowser.path != nil && Self.chromedriverPath != nil && Self.hasSelenium
        case .postgres: TestBackend.postgresURL != nil
        case .rsdmx: Self.hasRsdmx
        }
    }

    /// Why a test that needs it was skipped, and how to get it.
    public var reason: String {
        switch self {
        case .corpus: "../shared/corpus is absent beside the project"
        case .xmllint: "xmllint is not installed (apt-get install libxml2-utils)"
        case .chromium: "no chromium: install Debian's chromium to run the browser checks"
        case .sdmx1: "no Python with sdmx1 and pysdmx: .ci/run makes .venv with them"
        case .jsonSchema: "no Python with jsonschema: .ci/run installs it into .venv"
        case .openpyxl: "no Python with openpyxl: .ci/run installs it into .venv"
        case .selenium: "no chromium, chromium-driver or Python with selenium: .ci/run installs them"
        case .rsdmx: "no Rscript with rsdmx: apt-get install r-cran-rsdmx (.ci/run installs it)"
        case .postgres:
            "IDAC_TEST_POSTGRES_URL is not set: give it postgres://USER[:PASSWORD]@HOST:PORT/DATABASE of a "
                + "throw-away database (the user may create schemas) to run the repository tests on PostgreSQL too"
        }
    }

    /// The xmllint executable, where installed.
    public static var xmllintPath: String? {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Debian's chromedriver, where installed.
    public static var chromedriverPath: String? {
        ["/usr/bin/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether the Python of `.sdmx1` can import jsonschema (asked once).
    static let hasJSONSchema: Bool = canImport("jsonschema")

    /// Whether the Python of `.sdmx1` can import openpyxl (asked once).
    static let hasOpenpyxl: Bool = canImport("openpyxl")
    /// Whether the Python of `.sdmx1` can import selenium (asked once).
    static let hasSelenium: Bool = canImport("selenium")

    /// Whether `Rscript` can load rsdmx (asked once).
    static let hasRsdmx: Bool = rscriptPath.map { succeeds($0, ["-e", "library(rsdmx)"]) } ?? false

    /// R's script runner, where installed.
    public static var rscriptPath: String? {
        ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func canImport(_ module: String) -> Bool {
        sdmx1Python.map { succeeds($0, ["-c", "import \(module)"]) } ?? false
    }

    /// Whether `executable` with `arguments` runs and exits with 0 (its output discarded).
    static func succeeds(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A Python interpreter that has sdmx1, where one is set up.
    public static var sdmx1Python: String? {
        [TestPaths.project(".venv/bin/python"), ProcessInfo.processInfo.environment["IDAC_SDMX1_PYTHON"] ?? ""]
            .first { !$0.isEmpty && FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips the test, saying why, where one of the requirements is absent (never under CI's
    /// `IDAC_TESTS_SKIP_NOTHING=1`, where the test runs and fails instead).
    public static func requires(_ requirements: ExternalRequirement...) -> Self {
        let missing = requirements.filter { !$0.isMet }
        return .enabled(if: missing.isEmpty, Comment(rawValue: missing.map(\.reason).joined(separator: "; ")))
    }
}
