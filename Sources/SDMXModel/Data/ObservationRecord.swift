/// One observation's values as a reader found them — component ids, the values' bytes and their
/// columns — in buffers the reader refills for every observation, so that reading makes no text
/// per value: a handler that wants Strings asks for them (``value(at:)``, ``componentValues``).
///
/// Borrowed: valid during the ``DataHandler/observation(_:at:)`` call only.
///
/// Readers send the same ids in the same order observation after observation; ``layout`` changes
/// only when they do not, so a handler can map positions to components once per layout.
public final class ObservationRecord {
    /// How many values the record holds.
    public private(set) var count = 0
    private var ids: [String] = []
    @usableFromInline private(set) var columns: UnsafeMutablePointer<Int>
    private var columnCapacity = 64
    @usableFromInline let values = ByteFields()
    /// The ids' bytes as readers that meet them as bytes give them, to compare without making text.
    private var idBytes: [[UInt8]] = []
    private var layoutChanged = true
    private var layoutCount = 0
    private var layoutNumber = 0

    public init() {
        columns = .allocate(capacity: columnCapacity)
    }

    deinit {
        columns.deallocate()
    }

    /// A number that changes whenever the ids, position by position, differ from those of the record
    /// before (or their number does).
    public var layout: Int {
        if layoutChanged || layoutCount != count {
            layoutNumber &+= 1
            layoutChanged = false
            layoutCount = count
        }
        return layoutNumber
    }

    /// Empties the record for the next observation (keeping its buffers).
    public func removeAll() {
        count = 0
        values.removeAll()
    }

    /// Adds a value given as bytes, with its component's id.
    @inline(__always)
    public func append(id: String, bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        let position = count
        if position >= ids.count || ids[position] != id { setID(id, bytes: Array(id.utf8), at: position) }
        appendValue(bytes, column: column)
    }

    /// Adds a value whose id is also bytes (a generic message's `id="SEX"`): the id's text is made
    /// only when it differs from the one at the same position in the last record.
    public func append(idBytes id: UnsafeBufferPointer<UInt8>, bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        let position = count
        let same = position < ids.count && idBytes[position].withUnsafeBufferPointer { known in
            guard known.count == id.count else { return false }
            for index in 0..<known.count where known[index] != id[index] { return false }
            return true
        }
        if !same { setID(String(decoding: id, as: UTF8.self), bytes: Array(id), at: position) }
        appendValue(bytes, column: column)
    }

    /// Records a new id at `position` (ids and their bytes stay in step).
    private func setID(_ id: String, bytes: [UInt8], at position: Int) {
        if position < ids.count {
            ids[position] = id
            idBytes[position] = bytes
        } else {
            ids.append(id)
            idBytes.append(bytes)
        }
        layoutChanged = true
    }

    /// Adds a value given as text.
    public func append(id: String, value: String, column: Int) {
        var value = value
        value.withUTF8 { append(id: id, bytes: $0, column: column) }
    }

    @inline(__always)
    private func appendValue(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        values.append(bytes)
        if count == columnCapacity { growColumns() }
        columns[count] = column
        count += 1
    }

    /// Replaces the values with values `range` of a batch's buffers (``ObservationBatch``);
    /// `layoutIDs` are the ids of the values, from the first.
    func load(ids layoutIDs: [String], bytes: ByteFields, columns batchColumns: [Int], _ range: Range<Int>) {
        removeAll()
        var position = 0
        for value in range {
            if position >= ids.count || ids[position] != layoutIDs[position] {
                setID(layoutIDs[position], bytes: Array(layoutIDs[position].utf8), at: position)
            }
            if position == columnCapacity { growColumns() }
            columns[position] = batchColumns[value]
            position += 1
        }
        values.append(fieldsOf: bytes, range)
        count = position
    }

    private func growColumns() {
        columns = columns.grown(keeping: columnCapacity, toCapacity: columnCapacity * 2)
        columnCapacity *= 2
    }

    /// The id of the component of value `position`.
    public func id(at position: Int) -> String { ids[position] }

    /// The column of value `position`: the XML element's, or the CSV field number.
    @inlinable
    public func column(at position: Int) -> Int {
        precondition(position >= 0 && position < count, "value \(position) of \(count)")
        return columns[position]
    }

    /// Value `position`'s bytes, borrowed until the record changes.
    @inlinable
    public func bytes(at position: Int) -> UnsafeBufferPointer<UInt8> {
        values.bytes(at: position)
    }

    /// Value `position` as text.
    public func value(at position: Int) -> String {
        values.string(at: position)
    }

    /// The record as ``ComponentValue``s, for handlers that take text.
    public var componentValues: [ComponentValue] {
        (0..<count).map { ComponentValue(id: ids[$0], value: value(at: $0), column: columns[$0]) }
    }

    /// Replaces the record's values with `values`.
    public func set(_ values: [ComponentValue]) {
        removeAll()
        for value in values { append(id: value.id, value: value.value, column: value.column) }
    }
}
