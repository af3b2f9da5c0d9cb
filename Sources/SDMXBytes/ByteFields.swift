/// A list of byte strings in one growing buffer, emptied and refilled for every record a reader
/// reads: fields are added without making text or allocating per field.
///
/// A field may be built in pieces (``appendToOpenField(_:)`` then ``closeField()``), as a CSV
/// field is when quotes or a chunk boundary interrupt it. Its buffers are raw memory: this runs for
/// every value of every observation, where arrays' uniqueness and bounds checks cost more than the copy.
///
/// Each closed field is followed by one byte that is not its own (``terminator``): a CSV line is
/// then copied as it is, separators and all, and split by noting where fields start, not by moving
/// the bytes after each separator down over it.
public final class ByteFields {
    /// A batch's fields are filled on one thread while another reads the fields of the batch
    /// before it (``ObservationBatch``): padded, so that the two share no cache line.
    private let paddingBefore = CacheLinePadding()
    /// How many fields are closed.
    public private(set) var count = 0
    // Readable from other modules' inlined code (the accessors below run for every value).
    /// Field `n`'s bytes are `storage[offsets[n]..<offsets[n + 1] - 1]` (the byte before
    /// `offsets[n + 1]` is the terminator); `offsets[count]` is where the open field starts.
    @usableFromInline private(set) var offsets: UnsafeMutablePointer<Int>
    private var offsetCapacity: Int
    @usableFromInline private(set) var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var end = 0
    /// The byte written after each field ``closeField()`` closes: a CSV reader's separator, so that
    /// a line's fields look alike however they were split.
    public let terminator: UInt8
    private let paddingAfter = CacheLinePadding()

    /// Makes an empty list with room for `capacity` bytes (at least 16; it grows as needed), each field followed by
    /// `terminator` (by default 0x1F, the ASCII unit separator, for lists that are not CSV lines).
    public init(capacity: Int = 1024, terminator: UInt8 = 0x1F) {
        self.terminator = terminator
        self.capacity = max(16, capacity)
        storage = .allocate(capacity: self.capacity)
        offsetCapacity = 64
        offsets = .allocate(capacity: offsetCapacity)
        offsets[0] = 0
    }

    deinit {
        storage.deallocate()
        offsets.deallocate()
    }

    /// Empties the list (keeping its buffers).
    @inline(__always)
    public func removeAll() {
        count = 0
        end = 0
        knownPlainASCII = true
    }

    /// True while every byte added since ``removeAll()`` came through ``appendSplitting`` and was
    /// ASCII and not NUL: a reader then need not look at the bytes again for text problems. False
    /// says nothing (bytes added another way are not looked at).
    public private(set) var knownPlainASCII = true

    /// Bytes of the open field (not closed yet), so far.
    public var openFieldLength: Int { end - offsets[count] }

    /// Adds bytes to the field being built.
    @inline(__always)
    public func appendToOpenField(_ bytes: UnsafeBufferPointer<UInt8>) {
        knownPlainASCII = false
        let length = bytes.count
        guard length > 0, let base = bytes.baseAddress else { return }
        if end + length > capacity { grow(to: end + length) }
        // Most values are short codes and numbers: overlapping words beat calling memmove.
        ShortBytes.copy(base, to: storage + end, length)
        end += length
    }

    /// Copies `source[start...]` into fields, closing the open field at each ``terminator`` (the
    /// CSV separator) and keeping the last one open, until a quote, a line break or the end (at most
    /// `limit` bytes): a CSV record's plain stretch without a call per field. Returns where it stopped.
    ///
    /// Eight bytes at a time: a word is stored whole (so the storage keeps 8 bytes of room past its
    /// end), its separators left in place as the fields' terminators, and a field noted after each;
    /// a word holding a quote or a control byte (a line break, NUL), and the last few bytes, go byte by byte.
    @inline(__always)
    public func appendSplitting(_ source: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        guard let base = source.baseAddress else { return start }
        let separator = terminator
        let stop = start + min(source.count - start, limit)
        if end + (stop - start) + 8 > capacity { grow(to: end + (stop - start) + 8) }
        var index = start
        var written = end
        let target = storage
        // Each byte value repeated in a word (constants here, not static lets, whose accessors
        // would run in the loop).
        let everyByte: UInt64 = 0x0101_0101_0101_0101
        let separators = UInt64(separator) &* everyByte
        let quotes = 0x2222_2222_2222_2222 as UInt64
        // The word loop stops short of the offsets' capacity: it never grows them. Wrapping
        // arithmetic in it: every index is below `stop` or the capacities.
        var fieldCount = count
        let fieldOffsets = offsets
        let fieldLimit = offsetCapacity &- 9
        let wordStop = stop &- 8
        // High bits and NUL bytes met, for ``knownPlainASCII``.
        var unusual: UInt64 = 0
        while index <= wordStop, fieldCount < fieldLimit {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // The high bit of each separator's byte: the field after it starts one byte further on.
            var found = Self.zeroBytes(word ^ separators)
            // A quote or any control byte but the separator (line breaks, NUL) ends the word loop;
            // the byte loop below takes it as it comes.
            if Self.zeroBytes(word ^ quotes) | (Self.controlBytes(word) & ~found) != 0 { break }
            unusual |= word
            UnsafeMutableRawPointer(target + written).storeBytes(of: word, toByteOffset: 0, as: UInt64.self)
            while found != 0 {
                fieldCount &+= 1
                fieldOffsets[fieldCount] = written &+ (found.trailingZeroBitCount &+ 1) &>> 3
                found &= found &- 1
            }
            written &+= 8
            index &+= 8
        }
        count = fieldCount
        while index < stop {
            let byte = base[index]
            if byte == separator {
                target[written] = byte
                written += 1
                count += 1
                if count >= offsetCapacity { growOffsets() }
                offsets[count] = written
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\"") {
                break
            } else {
                target[written] = byte
                written += 1
                if byte == 0 || byte >= 0x80 { unusual |= 0x80 }
            }
            index += 1
        }
        if unusual & 0x8080_8080_8080_8080 != 0 { knownPlainASCII = false }
        end = written
        return index
    }

    /// The high bit of each byte of `word` below 0x20 (a control character), exactly.
    @inline(__always)
    private static func controlBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ 0x6060_6060_6060_6060) | word | low)
    }

    /// The high bit of each zero byte of `word`, exactly (no false bits above a zero byte).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    /// Calls `body` with every byte of the fields, closed (each with its terminator) and open, side
    /// by side: borrowed for the call.
    public func withAllBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage, count: end))
    }

    /// Adds one byte to the field being built.
    public func appendToOpenField(_ byte: UInt8) {
        knownPlainASCII = false
        if end + 1 > capacity { grow(to: end + 1) }
        storage[end] = byte
        end += 1
    }

    /// Ends the field being built (an empty one if nothing was added).
    @inline(__always)
    public func closeField() {
        if end + 1 > capacity { grow(to: end + 1) }
        storage[end] = terminator
        end += 1
        count += 1
        if count >= offsetCapacity { growOffsets() }
        offsets[count] = end
    }

    /// Adds a whole field.
    @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        appendToOpenField(bytes)
        closeField()
    }

    /// Adds fields `range` of `other` (closed fields), copying their bytes at once.
    public func append(fieldsOf other: ByteFields, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= other.count, "fields \(range) of \(other.count)")
        append(storage: other.storage, offsets: other.offsets + range.lowerBound, count: range.count)
    }

    /// Adds `fieldCount` fields laid out as this type lays them out (field `n` is
    /// `storage[offsets[n]..<offsets[n + 1] - 1]`, the fields side by side, each followed by its
    /// terminator), copying their bytes at once.
    public func append(
        storage source: UnsafePointer<UInt8>, offsets sourceOffsets: UnsafePointer<Int>, count fieldCount: Int
    ) {
        guard fieldCount > 0 else { return }
        let first = sourceOffsets[0]
        let length = sourceOffsets[fieldCount] - first
        if end + length > capacity { grow(to: end + length) }
        (storage + end).update(from: source + first, count: length)
        while count + fieldCount >= offsetCapacity { growOffsets() }
        let shift = end - first
        let target = offsets + count
        for index in 1...fieldCount { target[index] = sourceOffsets[index] + shift }
        count += fieldCount
        end += length
    }

    /// Whether field `index` has the bytes `other` (compared in place, by ``ShortBytes``).
    public func field(_ index: Int, equals other: [UInt8]) -> Bool {
        let field = bytes(at: index)
        guard field.count == other.count else { return false }
        guard let base = field.baseAddress, !field.isEmpty else { return true }
        return other.withUnsafeBufferPointer { ShortBytes.equal($0.baseAddress.unsafelyUnwrapped, base, field.count) }
    }

    /// Calls `body` with field `index`'s bytes, borrowed for the call.
    @inlinable @inline(__always)
    public func withBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows
        -> Result
    {
        try body(bytes(at: index))
    }

    /// Field `index`'s bytes, borrowed until the list changes (inside this module only: outside,
    /// ``withBytes(at:_:)``).
    @inline(__always)
    @inlinable
    func bytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "field \(index) of \(count)")
        let start = offsets[index]
        return UnsafeBufferPointer(start: storage + start, count: offsets[index + 1] &- start &- 1)
    }

    /// Whether a field of `range` may be SDMX-CSV's `NaN` or `#N/A`: three bytes starting `Na`, or
    /// four starting `#` (read from the buffers directly, without a call per field).
    /// Fields in `skipping` (bit `n` for field `range.lowerBound + n`) are not looked at.
    public func mayHoldMissingMarker(in range: Range<Int>, skipping: UInt64 = 0) -> Bool {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "fields \(range) of \(count)")
        for index in range {
            let position = index &- range.lowerBound
            if position < 64, skipping & (1 &<< UInt64(position)) != 0 { continue }
            let start = offsets[index], length = offsets[index + 1] &- start &- 1
            if length == 3, storage[start] == UInt8(ascii: "N"), storage[start + 1] == UInt8(ascii: "a") { return true }
            if length == 4, storage[start] == UInt8(ascii: "#") { return true }
        }
        return false
    }

    /// Field `index` as text (bytes that are not UTF-8 replaced).
    public func string(at index: Int) -> String {
        String(decoding: bytes(at: index), as: UTF8.self)
    }

    private func grow(to needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        storage = storage.grown(keeping: end, toCapacity: grown)
        capacity = grown
    }

    private func growOffsets() {
        offsets = offsets.grown(keeping: offsetCapacity, toCapacity: offsetCapacity * 2)
        offsetCapacity *= 2
    }
}
