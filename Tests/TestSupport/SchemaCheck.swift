import Foundation

/// xmllint against the official SDMX-ML message schema, 2.1 unless `version` says 3.0.
public enum SchemaCheck {
    public static func xmllint(_ path: String, version: String = "2.1") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalRequirement.xmllintPath ?? "/usr/bin/xmllint")
        process.arguments = [
            "--noout", "--nonet", "--schema", TestPaths.corpus("sdmx-ml-\(version)/schemas/SDMXMessage.xsd"), path,
        ]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
