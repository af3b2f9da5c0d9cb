import SDMXInput
import SDMXModel

/// One submission to read: a plain file, a gzip file's content, or one entry of a zip archive.
public struct SubmissionInput {
    /// How reports name it: `file.csv`, `file.csv.gz`, `archive.zip!entry.csv`.
    public var name: String
    /// Opens the content afresh (format detection reads its start, the reader all of it).
    public var open: () throws -> any ByteSource
    /// The archive, when the input is an Excel workbook (a zip holding `xl/workbook.xml`): its parts
    /// are read from it rather than as one stream.
    public var workbook: ZipArchive?

    /// The inputs a path holds, told apart by content: a zip archive gives one per file entry.
    /// `-` is standard input; it and pipes already open to idac are read as streams, told apart by their
    /// first bytes (a named FIFO or a device is refused: ``StreamSource/init(path:)``).
    /// `name` is how reports call the file, when it is read through another path (the inbox reads a file
    /// through its open descriptor). With a `cancellation`, every source the inputs open checks it at each
    /// chunk: this is where a read's deadline is enforced, whatever the format.
    public static func inputs(
        at path: String, name: String? = nil, limits: DecompressionLimits = .default,
        cancellation: ReadCancellation? = nil
    ) throws -> [SubmissionInput] {
        let inputs =
            StreamSource.isStream(path)
            ? try streamInputs(at: path, limits: limits)
            : try inputs(reading: path, as: name ?? path, limits: limits, cancellation: cancellation)
        guard let cancellation else { return inputs }
        return inputs.map { input in
            var checked = input
            checked.open = { CancellableSource(try input.open(), cancellation: cancellation) }
            return checked
        }
    }

    private static func inputs(
        reading path: String, as name: String, limits: DecompressionLimits, cancellation: ReadCancellation?
    ) throws -> [SubmissionInput] {
        let magic = try ChunkedFileReader.prefix(ofFileAt: path, count: 4)
        if magic.starts(with: [0x1F, 0x8B]) {
            return [SubmissionInput(name: name, open: { try GzipSource(path: path, name: name, limits: limits) })]
        }
        if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            let archive = try ZipArchive(path: path, name: name, limits: limits)
            let files = archive.entries.filter { !$0.isDirectory }
            if files.contains(where: { $0.name == "xl/workbook.xml" }) {
                // A workbook's parts are read from the archive itself: its sources check the cancellation.
                archive.cancellation = cancellation
                return [
                    SubmissionInput(
                        name: name, open: { try ChunkedFileReader(path: path, name: name) }, workbook: archive)
                ]
            }
            // Another Office or OpenDocument file is a zip too; say what it is rather than reading its parts.
            if files.contains(where: { $0.name == "[Content_Types].xml" || $0.name == "mimetype" }) {
                return [SubmissionInput(name: name, open: { try ChunkedFileReader(path: path, name: name) })]
            }
            if files.isEmpty {
                throw SDMXError(.unsupportedFormat, "\(name) is a zip archive with no files in it")
            }
            return files.map { entry in
                SubmissionInput(name: "\(name)!\(entry.name)", open: { try archive.source(for: entry) })
            }
        }
        return [SubmissionInput(name: name, open: { try ChunkedFileReader(path: path, name: name) })]
    }

    /// A stream is read once, as it comes: plain or gzip, but not zip, whose index is at its end.
    private static func streamInputs(at path: String, limits: DecompressionLimits) throws -> [SubmissionInput] {
        let stream = try StreamSource(path: path)
        let magic = try stream.prefix(4)
        if magic.starts(with: [0x1F, 0x8B]) {
            return [SubmissionInput(name: stream.name, open: { GzipSource(source: stream, limits: limits) })]
        }
        if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            throw SDMXError(
                .unsupportedFormat,
                "\(stream.name) is a zip archive read from a pipe; a zip archive's index "
                    + "is at its end, so idac reads zip archives only from files: save it to a file first")
        }
        return [SubmissionInput(name: stream.name, open: { stream })]
    }
}
