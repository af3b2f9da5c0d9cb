import Foundation

/// xmllint against the official SDMX-ML 2.1 message schema.
public enum SchemaCheck {
    public static func xmllint(_ path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalRequirement.xmllintPath ?? "/usr/bin/xmllint")
        process.arguments = ["--noout", "--schema", TestPaths.corpus("sdmx-ml-2.1/schemas/SDMXMessage.xsd"), path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
