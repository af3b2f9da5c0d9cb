import SDMXInput
import SDMXModel

/// Reads a country's plain CSV through a ``CountryCSVProfile`` and streams it as observations, each
/// with the line of the original file: header texts become components, national labels become codes,
/// missing markers become an empty value with their status, and the profile's fixed values are added.
public final class CountryCSVReader {
    /// The profile that says how to read the table.
    public let profile: CountryCSVProfile
    private let maxRecordBytes: Int
    private let maxColumns: Int

    /// Makes a reader for one profile, with the limits its records are split under (see `CSVRecordReader`).
    public init(
        profile: CountryCSVProfile, maxRecordBytes: Int = 16 << 20,
        maxColumns: Int = CSVRecordReader.defaultMaxColumns
    ) {
        self.profile = profile
        self.maxRecordBytes = maxRecordBytes
        self.maxColumns = maxColumns
    }

    /// Reads the table's bytes into `handler`, decoded from the profile's encoding and split at its separator.
    public func read(source: any ByteSource, into handler: any DataHandler) throws {
        let text = TranscodingSource(source, encoding: profile.textEncoding)
        let records = CSVRecordReader(
            separator: profile.separator, maxRecordBytes: maxRecordBytes, maxColumns: maxColumns)
        try read(records: CSVByteRecords(reader: records, source: text), into: handler)
    }

    /// Reads records already split (a spreadsheet's rows): the header is the record after the
    /// profile's `skipRows`.
    public func read(records: some CSVRecordSource, into handler: any DataHandler) throws {
        let skip = max(0, profile.skipRows ?? 0)
        var header: [(index: Int, component: String)]?
        var seen = 0
        var values: [ComponentValue] = []
        let fixed = (profile.fixed ?? [:]).sorted { $0.key < $1.key }
        let missingMarkers = Set(profile.missing?.values ?? [])
        let missingStatus = profile.missing?.status ?? "O"
        let decimalComma = profile.decimal == ","
        try handler.header(DataMessageHeader())
        var start = DataSetStart(
            structure: profile.reference, action: nil, values: [], position: DataPosition(line: 1, column: 1))
        start.labelMapping = LabelMapping(profile: profile.source, components: Set((profile.codes ?? [:]).keys))
        var started = false
        let file = records.name
        try records.forEachRecord { record in
            let fields = record.fields, line = record.line
            seen += 1
            if seen <= skip { return }
            guard let columns = header else {
                header = try mapHeader(fields, line: line, file: file)
                start.position = DataPosition(line: line, column: 1)
                try handler.startDataSet(start)
                started = true
                return
            }
            values.removeAll(keepingCapacity: true)
            var statusGiven = false
            var valueMissing = false
            for (index, component) in columns {
                var value = index < fields.count ? fields[index].trimmingSpaces() : ""
                if component == "OBS_STATUS", !value.isEmpty { statusGiven = true }
                if component == "OBS_VALUE" {
                    // A marker, or an empty cell when the profile declares markers, is a missing value.
                    if missingMarkers.contains(value) || (value.isEmpty && !missingMarkers.isEmpty) {
                        valueMissing = true
                        value = ""
                    } else if decimalComma {
                        value = value.replacingFirstComma()
                    }
                } else if let labels = profile.codes?[component], let code = labels[value] {
                    value = code
                }
                values.append(ComponentValue(id: component, value: value, column: index + 1))
            }
            for (component, value) in fixed where !columns.contains(where: { $0.component == component }) {
                values.append(ComponentValue(id: component, value: value, column: 0))
            }
            if let problem = record.textProblem {
                try handler.recordProblem(.text(problem), at: DataPosition(line: line, column: 0))
            }
            if valueMissing, !statusGiven {
                values.removeAll { $0.id == "OBS_STATUS" }
                values.append(ComponentValue(id: "OBS_STATUS", value: missingStatus, column: 0))
            }
            try handler.observation(values: values, at: DataPosition(line: line, column: 1))
        }
        guard started else {
            throw SDMXError(
                .malformedInput, "\(file) has no header line after the \(skip) line(s) the profile skips",
                location: SourceLocation(file: file, line: skip + 1, column: 1))
        }
        try handler.endDataSet()
    }

    /// The columns the profile names, found in the header; a named column that is absent is an error.
    private func mapHeader(_ fields: [String], line: Int, file: String) throws -> [(index: Int, component: String)] {
        let texts = fields.map { $0.trimmingSpaces() }
        var mapped: [(index: Int, component: String)] = []
        for (text, component) in profile.columns.sorted(by: { $0.key < $1.key }) {
            guard let index = texts.firstIndex(of: text) else {
                throw SDMXError(
                    .malformedInput,
                    "the header has no column '\(text)', which the profile \(profile.source) maps to \(component) "
                        + "(the header reads: \(texts.joined(separator: " | "))); fix the profile's \"columns\" or \"skipRows\"",
                    location: SourceLocation(file: file, line: line, column: 1))
            }
            if let second = texts[(index + 1)...].firstIndex(of: text) {
                throw SDMXError(
                    .duplicateComponent,
                    "the header has the column '\(text)' twice (columns \(index + 1) and \(second + 1)), and the "
                        + "profile \(profile.source) maps it to \(component); a component takes one column, so "
                        + "rename or remove one of them",
                    location: SourceLocation(file: file, line: line, column: second + 1))
            }
            mapped.append((index, component))
        }
        return mapped.sorted { $0.index < $1.index }
    }
}
