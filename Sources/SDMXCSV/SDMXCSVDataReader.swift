import SDMXInput
import SDMXModel

/// Streams SDMX-CSV 2.0 (STRUCTURE, STRUCTURE_ID, optional ACTION, then component columns in any
/// order) and SDMX-CSV 1.0 (a DATAFLOW column) to a ``DataHandler``: each record is one observation
/// carrying all its components, its line the record's first line and each value's column its field number.
public final class SDMXCSVDataReader {
    public init() {}

    public func read(path: String, into handler: any DataHandler) throws {
        try read(source: ChunkedFileReader(path: path), into: handler)
    }

    public func read(source: any ByteSource, into handler: any DataHandler) throws {
        let path = source.name
        let separator = Self.detectSeparator(prefix: try source.prefix(64))
        var columns: CSVColumns?
        var values: [ComponentValue] = []
        var currentStructure: String?
        var currentAction: String?
        var inDataSet = false
        try handler.header(DataMessageHeader())
        try CSVRecordReader(separator: separator).read(source: source) { fields, line in
            guard let layout = columns else {
                columns = try CSVColumns(header: fields, file: path, line: line)
                return
            }
            let structureKey = layout.structureKey(of: fields)
            let action = layout.action(of: fields)
            if !inDataSet || structureKey != currentStructure || action != currentAction {
                if inDataSet { try handler.endDataSet() }
                currentStructure = structureKey
                currentAction = action
                inDataSet = true
                try handler.startDataSet(DataSetStart(structure: layout.structure(of: fields), action: action, values: [],
                                                      position: DataPosition(line: line, column: 1)))
            }
            values.removeAll(keepingCapacity: true)
            for column in layout.componentColumns {
                let value = column.index < fields.count ? fields[column.index] : ""
                values.append(ComponentValue(id: column.id, value: value, column: column.index + 1))
            }
            if fields.count != layout.count {
                values.append(ComponentValue(id: CSVColumns.fieldCountMarker, value: String(fields.count), column: fields.count))
            }
            try handler.observation(values: values, at: DataPosition(line: line, column: 1))
        }
        guard columns != nil else {
            throw SDMXError(.malformedInput, "\(path) is empty: an SDMX-CSV file starts with a header line such as "
                                + "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,…", location: SourceLocation(file: path, line: 1, column: 1))
        }
        if inDataSet { try handler.endDataSet() }
    }

    /// SDMX-CSV's separator is the character after the first column's name (`STRUCTURE,` or `DATAFLOW;`).
    static func detectSeparator(prefix: [UInt8]) -> UInt8 {
        var bytes = prefix
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        for name in ["STRUCTURE", "DATAFLOW"] where bytes.starts(with: Array(name.utf8)) {
            var index = name.utf8.count
            // `STRUCTURE[;]` declares the sub-field separator; the column separator follows it.
            if index < bytes.count, bytes[index] == UInt8(ascii: "["),
               let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")) {
                index = close + 1
            }
            guard index < bytes.count else { break }
            let next = bytes[index]
            if next == UInt8(ascii: ";") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "|") { return next }
        }
        return UInt8(ascii: ",")
    }
}

