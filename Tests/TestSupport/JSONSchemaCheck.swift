import Foundation

/// Checks a JSON document against one of the official SDMX-JSON schemas of the corpus with Python's
/// `jsonschema` (Draft 7, as the schemas declare), where `.requires(.jsonSchema, .corpus)` holds.
public enum JSONSchemaCheck {
    /// The schema violations, each as `path: message`; empty when the document is valid.
    public static func violations(of document: String, schema: String) throws -> [String] {
        let directory = try TestPaths.temporaryDirectory()
        let documentPath = directory + "/document.json"
        try document.write(toFile: documentPath, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            validator = jsonschema.Draft7Validator(schema)
            for error in validator.iter_errors(document):
                print(list(error.absolute_path), error.message[:300])
            print("checked")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalRequirement.sdmx1Python ?? "/usr/bin/false")
        process.arguments = ["-c", script, schema, documentPath]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n").map(String.init)
        // A script that did not finish (no jsonschema, unreadable JSON) is a violation too.
        guard lines.last == "checked" else { return ["the schema check did not run: " + text.suffix(500)] }
        return Array(lines.dropLast())
    }

    /// The official SDMX-JSON 2.0.0 structure and data message schemas in the corpus.
    public static let structureSchema = TestPaths.corpus(
        "sdmx-json/structure-message/tools/schemas/2.0.0/sdmx-json-structure-schema.json")
    public static let dataSchema = TestPaths.corpus(
        "sdmx-json/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json")
}
