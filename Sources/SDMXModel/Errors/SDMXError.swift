/// An error the user sees when the toolkit cannot do its job: a code to search for, a message
/// that says what to do, where it happened, and the underlying cause (after swift-nio's `FileSystemError`).
public struct SDMXError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable upper-case code (`MALFORMED_INPUT`) that scripts and users can search for.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as printed, such as `UNREADABLE_FILE`.
        public var rawValue: String
        /// Makes a code; use the static members rather than spelling codes out.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The raw value, as printed in messages.
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

    /// What kind of failure it is.
    public var code: Code
    /// What happened and what to do, in words for the user (without the location, which ``description`` adds).
    public var message: String
    /// Where in the input it happened, when known.
    public var location: SourceLocation?
    /// The lower-level error that caused it (a system call's failure, a parser's), printed in parentheses.
    public var cause: (any Error & Sendable)?

    /// Makes an error; give `location` whenever the input position is known, so that the user can find it.
    public init(_ code: Code, _ message: String, location: SourceLocation? = nil, cause: (any Error & Sendable)? = nil)
    {
        self.code = code
        self.message = message
        self.location = location
        self.cause = cause
    }

    /// `location: message (cause)`, each part only when present: the line the user reads.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += message
        if let cause { text += " (\(cause))" }
        return text
    }
}
