#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import SDMXInput
import SDMXModel

/// How to read a plain table exported from Excel or a national database as Alliance data: which
/// dataflow, encoding and separators, which header means which component, the values every row
/// shares, national labels and their codes, and how missing values are marked. The README documents
/// the format, with an example.
public struct CountryCSVProfile: Sendable, Decodable {
    /// How the table marks a missing value, and the status that replaces it.
    public struct Missing: Sendable, Decodable {
        /// Markers such as `..` and `-` that mean "no value".
        public var values: [String]
        /// The OBS_STATUS given to a missing value unless the row gives one (`O` when absent).
        public var status: String?
    }

    /// `AGENCY:ID(VERSION)`, such as `IDAC:DF_CHILD_MIGRATION(1.0)`.
    public var dataflow: String
    /// `UTF-8` (default), `ISO-8859-1` or `Windows-1252`.
    public var encoding: String?
    /// The field separator: `,` (default), `;` or `tab`.
    public var delimiter: String?
    /// The decimal mark: `.` (default) or `,`.
    public var decimal: String?
    /// Lines before the header (titles, notes) to pass over.
    public var skipRows: Int?
    /// Header text → component id.
    public var columns: [String: String]
    /// Component id → the value every row gets.
    public var fixed: [String: String]?
    /// Component id → { national label → code }.
    public var codes: [String: [String: String]]?
    /// Missing-value markers and their status; nil when the table has none.
    public var missing: Missing?
    /// For an Excel workbook: the sheet holding the table (by default the first visible one).
    public var sheet: SheetChoice?
    /// For an Excel workbook: the row number of the header (by default the first row with a value,
    /// after `skipRows` such rows); rows above it (titles, merged or not) are passed over.
    public var headerRow: Int?

    /// A sheet named, or its position among the workbook's sheets (1 for the first).
    public enum SheetChoice: Sendable, Decodable, Equatable, CustomStringConvertible {
        /// The sheet with this name.
        case name(String)
        /// The sheet at this 1-based position.
        case position(Int)

        /// Reads `"sheet"`: a JSON number is a position, a string a name.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let position = try? container.decode(Int.self) {
                self = .position(position)
            } else {
                self = .name(try container.decode(String.self))
            }
        }

        /// `'Data'` or `number 2`, for messages.
        public var description: String {
            switch self {
            case .name(let name): "'\(name)'"
            case .position(let position): "number \(position)"
            }
        }
    }

    /// The file the profile was read from, for messages.
    public var source = ""

    enum CodingKeys: String, CodingKey {
        case dataflow, encoding, delimiter, decimal, skipRows, columns, fixed, codes, missing, sheet, headerRow
    }

    /// Makes a profile in code (tests, tools); `load(path:)` reads one from its JSON file, and `check()` validates it.
    public init(
        dataflow: String, columns: [String: String], fixed: [String: String]? = nil,
        sheet: SheetChoice? = nil, headerRow: Int? = nil, source: String
    ) {
        self.dataflow = dataflow
        self.columns = columns
        self.fixed = fixed
        self.sheet = sheet
        self.headerRow = headerRow
        self.source = source
    }

    /// The largest profile read: a real one is a few KB; a 32 MB one made idac use 584 MB to decode it.
    public static let largestBytes = 1 << 20

    /// Reads and checks a profile; errors say which key is wrong.
    public static func load(path: String) throws -> CountryCSVProfile {
        let data = try read(path: path)
        var profile: CountryCSVProfile
        do {
            profile = try JSONDecoder().decode(CountryCSVProfile.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw SDMXError(
                .invalidStructure,
                "the profile \(path) has no \"\(key.stringValue)\"; see the README's country CSV section")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let where_ = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SDMXError(
                .invalidStructure,
                "the profile \(path): \"\(where_)\" has the wrong kind of value (\(context.debugDescription))")
        } catch {
            throw SDMXError(.invalidStructure, "the profile \(path) is not valid JSON: \(error.localizedDescription)")
        }
        profile.source = path
        try profile.check()
        return profile
    }

    /// The profile's bytes: a regular file (a FIFO would block the run) of at most ``largestBytes``.
    private static func read(path: String) throws -> Data {
        let shown = TerminalText.escaped(path)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SDMXError(.unreadableFile, "cannot read the profile \(shown): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw SDMXError(.unreadableFile, "the profile \(shown) is not a regular file; give a JSON file")
        }
        guard status.st_size <= largestBytes else {
            throw SDMXError(
                .limitExceeded,
                "the profile \(shown) has \(status.st_size) bytes, more than the \(largestBytes >> 20) MB a profile "
                    + "may have (a real one has a few KB); check that it is the profile, not a data file")
        }
        do {
            // One byte more than allowed: a file that grew since fstat is caught too.
            let data = try handle.read(upToCount: largestBytes + 1) ?? Data()
            guard data.count <= largestBytes else {
                throw SDMXError(
                    .limitExceeded, "the profile \(shown) has more than the \(largestBytes >> 20) MB a profile may have"
                )
            }
            return data
        } catch let error as SDMXError {
            throw error
        } catch {
            throw SDMXError(.unreadableFile, "cannot read the profile \(shown): \(error.localizedDescription)")
        }
    }

    /// Checks what decoding cannot: the dataflow's form, a known encoding, a one-character separator, the decimal mark,
    /// the header row and sheet numbers, at least one column, and one column per component. Throws INVALID_STRUCTURE
    /// naming the profile and the key.
    public func check() throws {
        guard ArtefactReference(parsing: dataflow, kind: .dataflow) != nil else {
            throw SDMXError(
                .invalidStructure, "the profile \(source): \"dataflow\" must read AGENCY:ID(VERSION), not '\(dataflow)'"
            )
        }
        if let encoding, TranscodingSource.Encoding(name: encoding) == nil {
            throw SDMXError(
                .invalidStructure,
                "the profile \(source): \"encoding\" '\(encoding)' is not one of UTF-8, ISO-8859-1, Windows-1252")
        }
        if let delimiter, separatorByte(delimiter) == nil {
            throw SDMXError(
                .invalidStructure,
                "the profile \(source): \"delimiter\" must be one character (or \"tab\"), not '\(delimiter)'")
        }
        if let decimal, decimal != "." && decimal != "," {
            throw SDMXError(.invalidStructure, "the profile \(source): \"decimal\" must be \".\" or \",\"")
        }
        if let headerRow, headerRow < 1 || headerRow > 1_048_576 {
            throw SDMXError(
                .invalidStructure, "the profile \(source): \"headerRow\" must be a row number, 1 to 1048576")
        }
        if case .position(let position) = sheet, position < 1 {
            throw SDMXError(
                .invalidStructure,
                "the profile \(source): \"sheet\" must be a sheet's name or its position, 1 for the first")
        }
        if columns.isEmpty {
            throw SDMXError(.invalidStructure, "the profile \(source): \"columns\" maps no header to a component")
        }
        // Two headers for one component: whichever column came last would silently win.
        var headerOf: [String: String] = [:]
        for (header, component) in columns.sorted(by: { $0.key < $1.key }) {
            if let other = headerOf.updateValue(header, forKey: component) {
                throw SDMXError(
                    .invalidStructure,
                    "the profile \(source): \"columns\" maps both '\(other)' and '\(header)' to \(component); "
                        + "a component takes one column")
            }
        }
    }

    func separatorByte(_ text: String) -> UInt8? {
        if text.lowercased() == "tab" || text == "\t" { return UInt8(ascii: "\t") }
        guard text.utf8.count == 1, let byte = text.utf8.first else { return nil }
        return byte
    }

    var separator: UInt8 { delimiter.flatMap(separatorByte) ?? UInt8(ascii: ",") }
    var textEncoding: TranscodingSource.Encoding { encoding.flatMap(TranscodingSource.Encoding.init(name:)) ?? .utf8 }
    var reference: ArtefactReference? { ArtefactReference(parsing: dataflow, kind: .dataflow) }
}
