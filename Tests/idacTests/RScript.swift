import Foundation
import TestSupport

/// Runs an R script with `Rscript` (written to a temporary file: `Rscript -e` takes one expression per
/// argument); its standard output, and its standard error for the test's message.
enum RScript {
    static func run(_ script: String, arguments: [String] = []) throws -> String {
        try runWithErrors(script, arguments: arguments).output
    }

    static func runWithErrors(_ script: String, arguments: [String] = []) throws -> (output: String, errors: String) {
        let path = try TestPaths.temporaryDirectory() + "/script.R"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalRequirement.rscriptPath ?? "/usr/bin/false")
        process.arguments = [path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Both pipes drained at once: a full error pipe would otherwise block the script.
        final class Box: @unchecked Sendable { var data = Data() }
        let said = Box()
        let drain = Thread { said.data = errors.fileHandleForReading.readDataToEndOfFile() }
        drain.start()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        while drain.isExecuting || !drain.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return (text, String(decoding: said.data, as: UTF8.self))
    }
}
