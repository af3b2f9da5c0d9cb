import SDMXModel

/// The meaning of each column of an SDMX-CSV header. A class: every record reads it, and a struct
/// of arrays and strings would be copied, with a reference count for each, per record.
final class CSVColumns {
    struct ComponentColumn {
        var id: String
        var index: Int
        /// `ATTR[]`: the field holds several values, split on the sub-field separator.
        var isMultiValued: Bool
    }

    let count: Int
    let structureTypeIndex: Int?
    let structureIDIndex: Int?
    let dataflowIndex: Int?
    let actionIndex: Int?
    let componentColumns: [ComponentColumn]
    /// The component columns' ids, in column order.
    let componentIDs: [String]
    /// The component columns when they are side by side, in order, none multi-valued (the usual
    /// header): a record's values are then one range of its fields, copied at once.
    let contiguousComponents: Range<Int>?
    /// The columns naming a record's structure and action.
    let structureIndices: [Int]
    /// `labels=both`: the header reads `ID: Name`, and coded values `CODE: Name`.
    let hasLabels: Bool
    /// The separator inside multi-valued fields, from `STRUCTURE[;]` (`;` by default).
    let subSeparator: Character

    /// Columns SDMX-CSV defines that are not components.
    static let informational: Set<String> = ["SERIES_KEY", "OBS_KEY", "STRUCTURE_NAME"]

    init(header: [String], file: String, line: Int) throws {
        count = header.count
        var structureType: Int?, structureID: Int?, dataflow: Int?, action: Int?
        var components: [ComponentColumn] = []
        var labels = false
        var sub: Character = ";"
        var firstColumn: [String: Int] = [:]
        for (index, raw) in header.enumerated() {
            if raw.contains(": ") { labels = true }
            if index == 0, raw.hasPrefix("STRUCTURE["), raw.count >= 12, let close = raw.firstIndex(of: "]") {
                sub = raw[raw.index(raw.startIndex, offsetBy: 10)..<close].first ?? ";"
            }
            // `labels=both` headers read `FREQ: Frequency`; the id is before the colon.
            // `STRUCTURE[;]` and `ATTR[]` declare multi-valued columns; the id is before the bracket.
            var name = raw.split(separator: ":", maxSplits: 1).first.map { $0.trimmingSpaces() } ?? ""
            // What a column is, for telling two apart: its text without a last `[…]` (`CONTACT[]` and
            // `CONTACT`, `ATTR[en;fr]` and `ATTR` are one; `CONTACT[].NAME[]`, a part of it, is another).
            let identity = name.hasSuffix("]") ? String(name[..<(name.lastIndex(of: "[") ?? name.endIndex)]) : name
            var multiValued = false
            if let bracket = name.firstIndex(of: "[") {
                multiValued = name.hasSuffix("[]")
                name = String(name[..<bracket])
            }
            // A column named twice would let its second value silently win (or lose): refused. Unnamed
            // columns (trailing separators from a spreadsheet) are no component, and are ignored.
            if !identity.isEmpty, let first = firstColumn[identity] {
                throw SDMXError(
                    .duplicateComponent,
                    "the header names \(identity) twice (columns \(first + 1) and \(index + 1)); "
                        + "each component takes one column, so remove one of them",
                    location: SourceLocation(file: file, line: line, column: index + 1))
            }
            if !Self.informational.contains(name) { firstColumn[identity] = index }
            switch name {
            case "STRUCTURE": structureType = index
            case "STRUCTURE_ID": structureID = index
            case "DATAFLOW": dataflow = index
            case "ACTION": action = index
            case _ where Self.informational.contains(name): break
            default: components.append(ComponentColumn(id: name, index: index, isMultiValued: multiValued))
            }
        }
        guard structureID != nil || dataflow != nil else {
            throw SDMXError(
                .malformedInput,
                "the header has no STRUCTURE_ID (SDMX-CSV 2.0) or DATAFLOW (SDMX-CSV 1.0) column; "
                    + "SDMX-CSV starts with STRUCTURE,STRUCTURE_ID,… naming the dataflow",
                location: SourceLocation(file: file, line: line, column: 1))
        }
        structureTypeIndex = structureType
        structureIDIndex = structureID
        dataflowIndex = dataflow
        actionIndex = action
        componentColumns = components
        componentIDs = components.map(\.id)
        let indices = components.map(\.index)
        if let first = indices.first, indices == Array(first..<(first + indices.count)),
            !components.contains(where: \.isMultiValued)
        {
            contiguousComponents = first..<(first + indices.count)
        } else {
            contiguousComponents = nil
        }
        structureIndices = [structureType, structureID, dataflow, action].compactMap { $0 }
        hasLabels = labels
        subSeparator = sub
    }

    /// Whether the record's fields naming its structure and action (STRUCTURE, STRUCTURE_ID or
    /// DATAFLOW, ACTION) have the bytes `kept`; when they do not, `kept` takes theirs.
    func namesSameStructure(_ record: borrowing CSVRecord, as kept: inout [[UInt8]]) -> Bool {
        var same = kept.count == structureIndices.count
        if same {
            for (position, index) in structureIndices.enumerated() {
                if !record.field(index, equals: kept[position]) {
                    same = false
                    break
                }
            }
        }
        if !same {
            kept = structureIndices.map { index in record.withBytes(at: index) { Array($0) } }
        }
        return same
    }

    /// Whether a multi-valued field may hold more than one value (it has the sub-field separator).
    func mayHoldSeveralValues(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let separator = subSeparator.asciiValue else { return true }
        return bytes.contains(separator)
    }

    private func field(_ fields: [String], _ index: Int?) -> String? {
        guard let index, index < fields.count else { return nil }
        return fields[index]
    }

    /// The fields that name a record's structure, to notice when it changes without building text.
    struct StructureFields: Equatable {
        var type: String?
        var id: String?
    }

    func structureFields(of fields: [String]) -> StructureFields {
        StructureFields(
            type: field(fields, structureTypeIndex), id: field(fields, structureIDIndex) ?? field(fields, dataflowIndex)
        )
    }

    func action(of fields: [String]) -> String? {
        field(fields, actionIndex).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The dataflow, DSD or provision agreement a record names.
    func structure(of fields: [String]) -> ArtefactReference? {
        if var id = field(fields, structureIDIndex) {
            // With `labels=both` the value reads `ESTAT:NA_MAIN(1.6.0): Name`.
            if let close = id.firstIndex(of: ")") { id = String(id[...close]) }
            let kind: ArtefactKind =
                switch field(fields, structureTypeIndex)?.lowercased() {
                case "datastructure": .dataStructure
                case "dataprovision": .provisionAgreement
                default: .dataflow
                }
            return ArtefactReference(parsing: id, kind: kind)
        }
        return field(fields, dataflowIndex).flatMap { ArtefactReference(parsing: $0, kind: .dataflow) }
    }
}
