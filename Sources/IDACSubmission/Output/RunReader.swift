import Foundation
import SDMXModel

/// One sorted run of ``ObservationSorter``'s temporary file, read back row by row through a buffer of its own.
/// A row is stored as its arrival number, its action (a flag, then the text) and its values, each text as
/// its UTF-8 length (a varint) and bytes.
struct RunReader {
    private let file: FileHandle
    private var offset: UInt64
    private let end: UInt64
    private let bufferSize: Int
    private var buffer: [UInt8] = []
    private var position = 0

    init(file: FileHandle, range: Range<UInt64>, bufferSize: Int) {
        self.file = file
        self.offset = range.lowerBound
        self.end = range.upperBound
        self.bufferSize = bufferSize
    }

    static func append(_ row: ObservationSorter.Row, to bytes: inout [UInt8]) {
        appendNumber(row.sequence, to: &bytes)
        if let action = row.action {
            bytes.append(1)
            appendText(action, to: &bytes)
        } else {
            bytes.append(0)
        }
        appendNumber(row.values.count, to: &bytes)
        for value in row.values { appendText(value, to: &bytes) }
    }

    private static func appendText(_ text: String, to bytes: inout [UInt8]) {
        appendNumber(text.utf8.count, to: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    private static func appendNumber(_ number: Int, to bytes: inout [UInt8]) {
        var rest = UInt64(number)
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The run's next row, nil at its end.
    mutating func next() throws -> ObservationSorter.Row? {
        guard position < buffer.count || offset < end else { return nil }
        let sequence = try number()
        var action: String?
        if try byte() == 1 { action = try text() }
        let count = try number()
        guard count <= 100_000 else { throw Self.damaged }
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try text()) }
        return ObservationSorter.Row(values: values, action: action, sequence: sequence)
    }

    private static let damaged = SDMXError(.limitExceeded, "the temporary file ordering the answer was cut short")

    private mutating func byte() throws -> UInt8 {
        if position == buffer.count { try refill(atLeast: 1) }
        let value = buffer[position]
        position += 1
        return value
    }

    private mutating func number() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { break }
            shift += 7
            guard shift < 63 else { throw Self.damaged }
        }
        return Int(value)
    }

    private mutating func text() throws -> String {
        let length = try number()
        if buffer.count - position < length { try refill(atLeast: length) }
        let text = String(decoding: buffer[position..<position + length], as: UTF8.self)
        position += length
        return text
    }

    /// Keeps what is unread and reads on until at least `count` bytes are there.
    private mutating func refill(atLeast count: Int) throws {
        buffer.removeSubrange(0..<position)
        position = 0
        while buffer.count < count {
            guard offset < end else { throw Self.damaged }
            let size = Int(min(UInt64(max(bufferSize, count - buffer.count)), end - offset))
            try file.seek(toOffset: offset)
            guard let data = try file.read(upToCount: size), !data.isEmpty else { throw Self.damaged }
            buffer.append(contentsOf: data)
            offset += UInt64(data.count)
        }
    }
}
