/// An error the user sees when the toolkit cannot do its job: a code to search for, a message
/// that says what to do, where it happened, and the underlying cause (after swift-nio's `FileSystemError`).
public struct SDMXError: Error, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file could not be opened or read.
        public static let unreadableFile = Code(rawValue: "UNREADABLE_FILE")
        /// The XML or CSV is not well formed.
        public static let malformedInput = Code(rawValue: "MALFORMED_INPUT")
        /// A structure file names an artefact that no loaded file defines.
        public static let unresolvedReference = Code(rawValue: "UNRESOLVED_REFERENCE")
        /// A structure file is not an SDMX structure message, or breaks its rules.
        public static let invalidStructure = Code(rawValue: "INVALID_STRUCTURE")
        /// Two loaded files define the same artefact differently.
        public static let conflictingArtefact = Code(rawValue: "CONFLICTING_ARTEFACT")
        /// The data give a component twice for one observation (a CSV header naming it twice, a
        /// repeated `Value` in one generic key): reported as the finding DUPLICATE_COMPONENT.
        public static let duplicateComponent = Code(rawValue: "DUPLICATE_COMPONENT")
        /// The input is in a format the toolkit does not read.
        public static let unsupportedFormat = Code(rawValue: "UNSUPPORTED_FORMAT")
        /// The input breaks a safety limit (a DOCTYPE, nesting too deep, a value too long).
        public static let limitExceeded = Code(rawValue: "LIMIT_EXCEEDED")
    }

    public var code: Code
    public var message: String
    public var location: SourceLocation?
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, location: SourceLocation? = nil, cause: (any Error & Sendable)? = nil)
    {
        self.code = code
        self.message = message
        self.location = location
        self.cause = cause
    }

    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += message
        if let cause { text += " (\(cause))" }
        return text
    }
}
