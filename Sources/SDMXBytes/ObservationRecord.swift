/// One observation's values as a reader found them — component ids, the values' bytes and their
/// columns — in buffers the reader refills for every observation, so that reading makes no text
/// per value: a handler that wants Strings asks for them (``value(at:)``, and SDMXModel's
/// `componentValues`).
///
/// Borrowed: valid during the ``DataHandler/observation(_:at:)`` call only.
///
/// Readers send the same ids in the same order observation after observation; ``layout`` changes
/// only when they do not, so a handler can map positions to components once per layout.
///
/// The values are read through three pointers (``storage``, ``offsets``, ``columns``) that point
/// either into the record's own buffers or, for a record lent by ``ObservationBatch/load(_:into:)``,
/// into the batch's: a batch's record is read in place, without copying its bytes again.
public final class ObservationRecord {
    /// The reader's record and the validator's live on two threads, each written for every value:
    /// padded, so that neither shares a cache line with an object the other thread writes.
    private let paddingBefore = CacheLinePadding()
    /// How many values the record holds.
    public private(set) var count = 0
    private var ids: [String] = []
    /// Value `n`'s bytes are `storage[offsets[n]..<offsets[n + 1] - 1]` (``ByteFields``' layout:
    /// a terminator after each), its column `columns[n]`.
    @usableFromInline private(set) var storage: UnsafePointer<UInt8>
    @usableFromInline private(set) var offsets: UnsafePointer<Int>
    @usableFromInline private(set) var columns: UnsafePointer<Int>
    /// The record's own buffers (the pointers above point into them unless the record is lent).
    private var ownColumns: UnsafeMutablePointer<Int>
    /// Changes whenever the columns may have: a record whose columns are those of the record
    /// before (a CSV reader's field numbers) need not have them copied again
    /// (``ObservationBatch/append(_:at:)``).
    public private(set) var columnsVersion = 0
    private var columnCapacity = 64
    private let values = ByteFields()
    /// The ids' bytes as readers that meet them as bytes give them, to compare without making text.
    private var idBytes: [[UInt8]] = []
    /// The ids array last adopted, and where its elements are: the same array again is the same ids.
    private var adopted: [String] = []
    private var adoptedIdentity: UnsafeRawPointer?
    private var adoptedCount = 0
    private var layoutChanged = true
    private var layoutCount = 0
    private var layoutNumber = 0
    /// The batch (held, so that its address is not another batch's while kept here), its filling
    /// and the layout whose ids the record last took (``lend(ids:batch:layout:count:storage:offsets:columns:)``).
    private var lentFrom: AnyObject?
    private var lentLayout: (generation: Int, layout: Int)?
    /// Positions (the first 64) whose bytes and column are those of the same position in the record
    /// loaded before, of the same layout: what a reader that has both at hand can tell the validator,
    /// which then need not place them again (``load(fieldsOf:_:)``; 0 when not known).
    public private(set) var unchanged: UInt64 = 0
    /// Whether the values are those of the record loaded last (no other way of filling came since).
    private var previousValid = false
    /// The fields the last load took: its columns are still in place while no other filling came.
    private var loadedRange: Range<Int>?
    /// The ids ``load(fieldsOf:_:)`` gives its values (``useIDs(_:)``), and whether the
    /// record's ids are those: then a load looks at no array (whose reference the reader's thread
    /// would count per record).
    private var loadIDs: [String] = []
    private var idsAreLoadIDs = false
    /// Positions that changed in every comparison so far, and how many comparisons were made, since
    /// the ids last changed: after ``volatileLearningLoads`` comparisons, the positions still in the
    /// mask (a file's period and measure, typically) change on every record and are no longer
    /// compared. Learnt from the file, so no reader names the components that usually change.
    private var changedEveryTime: UInt64 = ~0
    private var comparisonsMade = 0
    /// How many comparable loads teach which positions change on every record. Guessing wrong costs
    /// only speed: a position taken as volatile is never marked unchanged, so it is checked anew.
    public static let volatileLearningLoads = 8
    private let paddingAfter = CacheLinePadding()

    /// Makes an empty record; readers keep one and refill it for every observation.
    public init() {
        ownColumns = .allocate(capacity: columnCapacity)
        storage = UnsafePointer(values.storage)
        offsets = UnsafePointer(values.offsets)
        columns = UnsafePointer(ownColumns)
    }

    deinit {
        ownColumns.deallocate()
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

    /// Empties the record for the next observation (keeping its buffers), back on its own buffers.
    public func removeAll() {
        count = 0
        values.removeAll()
        unchanged = 0
        previousValid = false
        loadedRange = nil
        pointAtOwnBuffers()
    }

    @inline(__always)
    private func pointAtOwnBuffers() {
        storage = UnsafePointer(values.storage)
        offsets = UnsafePointer(values.offsets)
        if columns != UnsafePointer(ownColumns) { columnsVersion &+= 1 }
        columns = UnsafePointer(ownColumns)
        lentLayout = nil
        lentFrom = nil
    }

    /// Adds a value given as bytes, with its component's id.
    @inline(__always)
    public func append(id: String, bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        let position = count
        if position >= ids.count || ids[position] != id { setID(id, bytes: Array(id.utf8), at: position) }
        appendValue(bytes, column: column)
    }

    /// Adds a value whose id the reader knows to be the one it gave at this position in the record
    /// before (libxml2's interned name pointer did not change): not compared again unless the record
    /// has fewer ids than that.
    @inline(__always)
    public func append(sameIDAsBefore id: String, bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        if count >= ids.count { setID(id, bytes: Array(id.utf8), at: count) }
        appendValue(bytes, column: column)
    }

    /// Adds a value whose id is also bytes (a generic message's `id="SEX"`): the id's text is made
    /// only when it differs from the one at the same position in the last record.
    public func append(idBytes id: UnsafeBufferPointer<UInt8>, bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        let position = count
        let same =
            position < ids.count
            && idBytes[position].withUnsafeBufferPointer { known in
                guard known.count == id.count else { return false }
                for index in 0..<known.count where known[index] != id[index] { return false }
                return true
            }
        if !same { setID(String(decoding: id, as: UTF8.self), bytes: Array(id), at: position) }
        appendValue(bytes, column: column)
    }

    /// Records a new id at `position` (ids and their bytes stay in step).
    private func setID(_ id: String, bytes: [UInt8], at position: Int) {
        adoptedIdentity = nil  // the ids are no longer those of the array last adopted
        idsAreLoadIDs = false
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
        ownColumns[count] = column
        columnsVersion &+= 1
        count += 1
        storage = UnsafePointer(values.storage)
        offsets = UnsafePointer(values.offsets)
    }

    /// Sets the ids of the values ``load(fieldsOf:_:)`` loads, position by position (a
    /// reader's fixed layout, given once).
    public func useIDs(_ layoutIDs: [String]) {
        loadIDs = layoutIDs
        idsAreLoadIDs = false
    }

    /// ``useIDs(_:)`` and ``load(fieldsOf:_:)`` at once.
    public func load(ids layoutIDs: [String], fieldsOf fields: ByteFields, _ range: Range<Int>) {
        useIDs(layoutIDs)
        load(fieldsOf: fields, range)
    }

    /// Replaces the values with fields `range` of `fields` (a reader's split record), whose ids are
    /// those of ``useIDs(_:)`` position by position and whose columns are their field numbers (from
    /// 1): one copy of the bytes, and the ids compared only when they were given anew.
    ///
    /// It also tells which positions hold the same bytes as in the record it loaded before
    /// (``unchanged``), when that one had the same ids: the reader's thread compares them, so that
    /// the validator's need not.
    /// Positions found to change on every record (``changedEveryTime``) are not worth comparing:
    /// they are never marked unchanged.
    public func load(fieldsOf fields: ByteFields, _ range: Range<Int>) {
        precondition(range.count == loadIDs.count, "\(range.count) fields for \(loadIDs.count) ids")
        // Comparable with the record loaded last over the same fields (so also the same columns).
        let comparable = previousValid && lentFrom == nil && count == range.count && range == loadedRange
        let sameIDs = idsAreLoadIDs || !adopt(loadIDs)
        idsAreLoadIDs = true
        // Compared with the values still held, those of the record loaded before.
        if !sameIDs {
            changedEveryTime = ~0
            comparisonsMade = 0
        }
        if comparable && sameIDs {
            let learnt = comparisonsMade >= Self.volatileLearningLoads
            unchanged = Self.samePositions(
                fields, from: range.lowerBound, values, count: min(range.count, 64),
                skipping: learnt ? changedEveryTime : 0)
            if !learnt {
                changedEveryTime &= ~unchanged
                comparisonsMade &+= 1
            }
        } else {
            unchanged = 0
        }
        values.removeAll()
        count = 0
        pointAtOwnBuffers()
        let length = range.count
        while columnCapacity < length { growColumns() }
        // The columns are the fields' numbers: the same as last time for the same range.
        if range != loadedRange {
            for position in 0..<length { ownColumns[position] = range.lowerBound + position + 1 }
            columnsVersion &+= 1
            loadedRange = range
        }
        values.append(fieldsOf: fields, range)
        count = length
        storage = UnsafePointer(values.storage)
        offsets = UnsafePointer(values.offsets)
        previousValid = true
    }

    /// The positions below `count`, but for those in `volatile`, whose bytes are the same in `a`
    /// (from its field `first`) and `b`. Adjacent positions of equal lengths lie side by side in
    /// both, so each such run is compared at once (with the terminators between its values, which
    /// `b` copied from a record of `a`), and position by position only when it differs.
    private static func samePositions(
        _ a: ByteFields, from first: Int, _ b: ByteFields, count: Int, skipping volatile: UInt64
    ) -> UInt64 {
        var same: UInt64 = 0
        let (aStorage, aOffsets, bStorage, bOffsets) = (a.storage, a.offsets + first, b.storage, b.offsets)
        // Wrapping arithmetic: offsets are small and positions below 64, and the checks would cost
        // more than the comparison.
        @inline(__always) func comparable(_ position: Int) -> Bool {
            volatile & (1 &<< UInt64(position)) == 0
                && aOffsets[position &+ 1] &- aOffsets[position] == bOffsets[position &+ 1] &- bOffsets[position]
        }
        var position = 0
        while position < count {
            guard comparable(position) else {
                position &+= 1
                continue
            }
            let start = position
            position &+= 1
            while position < count, comparable(position) { position &+= 1 }
            let length = aOffsets[position] &- aOffsets[start] &- 1
            if ShortBytes.equal(aStorage + aOffsets[start], bStorage + bOffsets[start], length) {
                let width = position &- start
                same |= (width >= 64 ? ~0 : (1 &<< UInt64(width)) &- 1) &<< UInt64(start)
            } else {
                for index in start..<position
                where ShortBytes.equal(
                    aStorage + aOffsets[index], bStorage + bOffsets[index], aOffsets[index &+ 1] &- aOffsets[index] &- 1
                ) {
                    same |= 1 &<< UInt64(index)
                }
            }
        }
        return same
    }

    /// Takes `layoutIDs` as the record's ids, marking the layout changed only if they differ; whether
    /// they did. The same array as last time (a reader's fixed layout) is known without comparing its strings.
    @discardableResult
    private func adopt(_ layoutIDs: [String]) -> Bool {
        let identity = layoutIDs.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
        if let identity, identity == adoptedIdentity, layoutIDs.count == adoptedCount { return false }
        defer {
            adopted = layoutIDs  // held, so that its storage, and so the identity, stays its own
            adoptedIdentity = identity
            adoptedCount = layoutIDs.count
        }
        if ids.count >= layoutIDs.count {
            var same = true
            for position in 0..<layoutIDs.count where ids[position] != layoutIDs[position] {
                same = false
                break
            }
            if same { return false }
        }
        for (position, id) in layoutIDs.enumerated() where position >= ids.count || ids[position] != id {
            setID(id, bytes: Array(id.utf8), at: position)
        }
        return true
    }

    /// Lends the record a batch's values (``ObservationBatch/load(_:into:)``): `count` values whose
    /// offsets start at `offsets`, in `storage`, with `columns`; `layoutIDs` are their ids, layout
    /// `layout` of the batch's filling `layout.generation` (the ids are compared only when it changes).
    func lend(
        ids layoutIDs: [String], batch: AnyObject, layout: (generation: Int, layout: Int), count: Int,
        storage: UnsafePointer<UInt8>, offsets: UnsafePointer<Int>, columns: UnsafePointer<Int>, unchanged: UInt64
    ) {
        self.unchanged = unchanged
        if lentFrom !== batch || lentLayout.map({ $0 != layout }) ?? true {
            previousValid = false
            adopt(layoutIDs)
            idsAreLoadIDs = false
            lentFrom = batch
            lentLayout = layout
        }
        self.count = count
        self.storage = storage
        self.offsets = offsets
        self.columns = columns
        columnsVersion &+= 1
    }

    private func growColumns() {
        ownColumns = ownColumns.grown(keeping: columnCapacity, toCapacity: columnCapacity * 2)
        columnCapacity *= 2
        if lentLayout == nil { columns = UnsafePointer(ownColumns) }
    }

    /// The id of the component of value `position`.
    public func id(at position: Int) -> String { ids[position] }

    /// The column of value `position`: the XML element's, or the CSV field number.
    @inlinable
    public func column(at position: Int) -> Int {
        precondition(position >= 0 && position < count, "value \(position) of \(count)")
        return columns[position]
    }

    /// How many bytes value `position` has.
    @inlinable @inline(__always)
    public func byteCount(at position: Int) -> Int {
        precondition(position >= 0 && position < count, "value \(position) of \(count)")
        return offsets[position + 1] &- offsets[position] &- 1
    }

    /// Calls `body` with value `position`'s bytes, borrowed for the call.
    @inlinable @inline(__always)
    public func withBytes<Result>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows
        -> Result
    {
        try body(bytes(at: position))
    }

    /// Value `position`'s bytes, borrowed until the record changes (inside this module only: outside,
    /// ``withBytes(at:_:)``).
    @inlinable @inline(__always)
    func bytes(at position: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(position >= 0 && position < count, "value \(position) of \(count)")
        let start = offsets[position]
        return UnsafeBufferPointer(start: storage + start, count: offsets[position + 1] &- start &- 1)
    }

    /// The bytes of all values, from the first's start to the last's end, with their offsets: for
    /// copying the record at once (``ObservationBatch/append(_:)``).
    var contiguousValues: (storage: UnsafePointer<UInt8>, offsets: UnsafePointer<Int>) { (storage, offsets) }

    /// Value `position` as text.
    @inlinable
    public func value(at position: Int) -> String {
        String(decoding: bytes(at: position), as: UTF8.self)
    }
}
