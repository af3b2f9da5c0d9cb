import ArgumentParser
import Foundation
import IDACPipeline
import IDACSubmission
import SDMXModel

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the Excel workbook an office fills in for a dataflow.",
        discussion: """
            The workbook has a Data sheet with one column per component, drop-down lists of the codes the dataflow \
            allows, a number rule on OBS_VALUE and the period checked against the frequency; a Codes sheet with every \
            code's name; a Read me sheet; and a hidden sheet from which idac validate reads the filled-in workbook \
            with no profile. It is written atomically.
            """
    )

    @Option(
        name: .long, help: ArgumentHelp("The dataflow to report.", valueName: "AGENCY:ID(VERSION)"))
    var dataflow: String

    @Option(name: .long, help: ArgumentHelp("Fix REF_AREA to this country (ISO alpha-3).", valueName: "code"))
    var country: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Write here (default: the dataflow's id and the country, .xlsx).", valueName: "path"))
    var output: String?

    @OptionGroup var structures: StructureOptions

    func validate() throws {
        _ = try DataflowArgument.reference(dataflow)
        if let country, country.isEmpty || !country.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw ValidationError("--country takes a code such as KEN; got '\(country)'")
        }
    }

    func run() throws {
        let reference = try DataflowArgument.reference(dataflow)
        let builder = try TemplateBuilder(
            catalog: try structures.loadCatalog(), dataflow: reference, country: country)
        let path = output ?? "\(reference.id)\(country.map { "-\($0)" } ?? "").xlsx"
        let folder = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask,
            appropriateFor: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), create: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = folder.appendingPathComponent("template.xlsx").path
        try builder.write(to: made)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: made)))
        let sink = try OutputSink(path: path)
        do {
            try sink.write(bytes: bytes)
            try sink.commit()
        } catch {
            sink.abandon()
            throw error
        }
        FileHandle.standardError.write(Data("wrote \(TerminalText.escaped(path))\n".utf8))
    }
}
