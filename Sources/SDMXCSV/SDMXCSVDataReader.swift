import SDMXInput
import SDMXModel

/// Streams SDMX-CSV 2.0 (STRUCTURE, STRUCTURE_ID, optional ACTION, then component columns in any
/// order) and SDMX-CSV 1.0 (a DATAFLOW column) to a ``DataHandler``: each record is one observation
/// carrying all its components, its line the record's first line and each value's column its field number.
public final class SDMXCSVDataReader {
    private var separator = UInt8(ascii: ",")
    private let maxRecordBytes: Int
    private let maxColumns: Int

    /// Makes a reader with the limits its records are split under (see `CSVRecordReader`).
    public init(maxRecordBytes: Int = 16 << 20, maxColumns: Int = CSVRecordReader.defaultMaxColumns) {
        self.maxRecordBytes = maxRecordBytes
        self.maxColumns = maxColumns
    }

    /// Reads the SDMX-CSV file at `path` into `handler`.
    public func read(path: String, into handler: any DataHandler) throws {
        try read(source: ChunkedFileReader(path: path), into: handler)
    }

    /// Reads SDMX-CSV bytes into `handler`, the separator (`,`, `;`, tab or `|`) taken from what follows the first
    /// header, `STRUCTURE` or `DATAFLOW`.
    public func read(source: any ByteSource, into handler: any DataHandler) throws {
        let separator = Self.detectSeparator(prefix: try source.prefix(64))
        let records = CSVRecordReader(separator: separator, maxRecordBytes: maxRecordBytes, maxColumns: maxColumns)
        try read(records: CSVByteRecords(reader: records, source: source), separator: separator, into: handler)
    }

    /// Reads records already split (a spreadsheet's rows: `separator` is then `,`, so a decimal
    /// comma in a text cell is not read as a decimal point).
    public func read(
        records: some CSVRecordSource, separator: UInt8 = UInt8(ascii: ","), into handler: any DataHandler
    ) throws {
        let path = records.name
        self.separator = separator
        // Uncounted: taking a record counts no reference to the state it goes through.
        var rows = UncountedReference<Rows>()
        try handler.header(DataMessageHeader())
        try records.forEachRecord { row in
            guard rows.isSet else {
                let layout = try CSVColumns(header: row.fields, file: path, line: row.line)
                rows.set(Rows(reader: self, layout: layout, handler: handler))
                return
            }
            try rows.withObject { try $0.take(row) }
        }
        guard rows.isSet else {
            throw SDMXError(
                .malformedInput,
                "\(path) is empty: an SDMX-CSV file starts with a header line such as "
                    + "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,…", location: SourceLocation(file: path, line: 1, column: 1))
        }
        try rows.withObject { try $0.finish() }
    }

    /// The records after the header, turned into data sets and observations for the handler. A class
    /// of constants: a record read through it counts no reference to them.
    private final class Rows {
        let reader: SDMXCSVDataReader
        let layout: CSVColumns
        let handler: any DataHandler
        let record = ObservationRecord()
        var currentStructure: CSVColumns.StructureFields?
        var currentAction: String?
        /// The bytes of the fields naming the last record's structure and action: a record whose
        /// fields are the same belongs to the same dataset, and makes no text to tell.
        var structureBytes: [[UInt8]] = []
        var inDataSet = false

        init(reader: SDMXCSVDataReader, layout: CSVColumns, handler: any DataHandler) {
            self.reader = reader
            self.layout = layout
            self.handler = handler
            record.useIDs(layout.componentIDs)
        }

        func take(_ row: borrowing CSVRecord) throws {
            let line = row.line
            if !inDataSet || !layout.namesSameStructure(row, as: &structureBytes) {
                let fields = row.fields
                let structureKey = layout.structureFields(of: fields)
                let action = layout.action(of: fields)
                if !inDataSet || structureKey != currentStructure || action != currentAction {
                    if inDataSet { try handler.endDataSet() }
                    currentStructure = structureKey
                    currentAction = action
                    inDataSet = true
                    var start = DataSetStart(
                        structure: layout.structure(of: fields), action: action, values: [],
                        position: DataPosition(line: line, column: 1))
                    start.unknownComponentsAreCustom = true
                    try handler.startDataSet(start)
                }
            }
            // The usual record: its values one range of its fields, none to normalise, copied at once.
            // Values the same as in the record before (which had none to normalise, or it would not
            // have been loaded) need no look for NaN and the like.
            if let range = layout.contiguousComponents, row.count == layout.count {
                row.withFields { record.load(fieldsOf: $0, range) }
                if !reader.needsNormalising(row, range, layout, skipping: record.unchanged) {
                    if let problem = row.textProblem {
                        try handler.recordProblem(.text(problem), at: DataPosition(line: line, column: 0))
                    }
                    try handler.observation(record, at: DataPosition(line: line, column: 1))
                    return
                }
            }
            record.removeAll()
            for column in layout.componentColumns {
                row.withBytes(at: column.index) { bytes in take(column, bytes) }
            }
            if row.count != layout.count {
                try handler.recordProblem(.fieldCount(row.count), at: DataPosition(line: line, column: row.count))
            }
            if let problem = row.textProblem {
                try handler.recordProblem(.text(problem), at: DataPosition(line: line, column: 0))
            }
            try handler.observation(record, at: DataPosition(line: line, column: 1))
        }

        /// Adds a column's value to the record, normalised or split where it needs to be.
        private func take(_ column: CSVColumns.ComponentColumn, _ bytes: UnsafeBufferPointer<UInt8>) {
            if column.isMultiValued, layout.mayHoldSeveralValues(bytes) {
                let raw = String(decoding: bytes, as: UTF8.self)
                for part in raw.split(separator: layout.subSeparator) {
                    record.append(
                        id: column.id, value: reader.normalise(String(part), layout), column: column.index + 1)
                }
            } else if reader.needsNormalising(bytes, layout) {
                record.append(
                    id: column.id, value: reader.normalise(String(decoding: bytes, as: UTF8.self), layout),
                    column: column.index + 1)
            } else {
                record.append(id: column.id, bytes: bytes, column: column.index + 1)
            }
        }

        func finish() throws {
            if inDataSet { try handler.endDataSet() }
        }
    }

    /// Whether ``normalise(_:_:)`` could change any of the fields `range`.
    /// - Parameter unchanged: positions in `range` (from its start) not to look at.
    private func needsNormalising(
        _ row: borrowing CSVRecord, _ range: Range<Int>, _ layout: CSVColumns, skipping unchanged: UInt64
    ) -> Bool {
        if layout.hasLabels || separator == UInt8(ascii: ";") {
            for index in range
            where !Self.contains(unchanged, index - range.lowerBound)
                && row.withBytes(at: index, { needsNormalising($0, layout) })
            {
                return true
            }
            return false
        }
        // Otherwise only `NaN` and `#N/A` are normalised.
        return row.mayHoldMissingMarker(in: range, skipping: unchanged)
    }

    private static func contains(_ mask: UInt64, _ position: Int) -> Bool {
        position < 64 && mask & (1 << UInt64(position)) != 0
    }

    /// Whether ``normalise(_:_:)`` could change the field: checked on its bytes, so that most fields
    /// are never made into text here.
    private func needsNormalising(_ bytes: UnsafeBufferPointer<UInt8>, _ layout: CSVColumns) -> Bool {
        if bytes.count == 3, bytes[0] == UInt8(ascii: "N"), bytes[1] == UInt8(ascii: "a"), bytes[2] == UInt8(ascii: "N")
        {
            return true
        }
        if bytes.count == 4, bytes[0] == UInt8(ascii: "#"), bytes[1] == UInt8(ascii: "N") { return true }
        if layout.hasLabels, bytes.contains(UInt8(ascii: ":")) { return true }
        return separator == UInt8(ascii: ";") && bytes.contains(UInt8(ascii: ","))
    }

    /// A field as the validator wants it: `NaN` and `#N/A` (SDMX-CSV's intentionally missing values)
    /// empty; `CODE: Name` cut to the code under `labels=both`; `12,5` as `12.5` when fields are
    /// separated by `;` (where the decimal comma is allowed).
    private func normalise(_ value: String, _ layout: CSVColumns) -> String {
        if value == "NaN" || value == "#N/A" { return "" }
        if layout.hasLabels, let colon = value.firstIndex(of: ":"), value[value.index(after: colon)...].hasPrefix(" ") {
            return String(value[..<colon])
        }
        if separator == UInt8(ascii: ";"), value.contains(","), Self.isDecimalWithComma(value) {
            return value.replacingFirstComma()
        }
        return value
    }

    static func isDecimalWithComma(_ value: String) -> Bool {
        var digits = 0, commas = 0
        for (offset, character) in value.enumerated() {
            if character.isASCII, character.isNumber {
                digits += 1
            } else if character == "," {
                commas += 1
            } else if character == "-", offset == 0 {
                continue
            } else {
                return false
            }
        }
        return digits > 0 && commas == 1
    }

    /// SDMX-CSV's separator is the character after the first column's name (`STRUCTURE,` or `DATAFLOW;`).
    static func detectSeparator(prefix: [UInt8]) -> UInt8 {
        var bytes = prefix
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        for name in ["STRUCTURE", "DATAFLOW"] where bytes.starts(with: Array(name.utf8)) {
            var index = name.utf8.count
            // `STRUCTURE[;]` declares the sub-field separator; the column separator follows it.
            if index < bytes.count, bytes[index] == UInt8(ascii: "["),
                let close = bytes[index...].firstIndex(of: UInt8(ascii: "]"))
            {
                index = close + 1
            }
            guard index < bytes.count else { break }
            let next = bytes[index]
            if next == UInt8(ascii: ";") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "|") { return next }
        }
        return UInt8(ascii: ",")
    }
}

extension String {
    func replacingFirstComma() -> String {
        guard let comma = firstIndex(of: ",") else { return self }
        var copy = self
        copy.replaceSubrange(comma...comma, with: ".")
        return copy
    }
}
