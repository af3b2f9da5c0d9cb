/// The kinds of finding, stable identifiers that scripts match on. The README maps each to the
/// nearest Fusion Registry error code.
public enum FindingCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// The XML or CSV is not well formed (or breaks a safety limit); findings before it are kept.
    case malformedInput = "MALFORMED_INPUT"
    /// The file is not in a format the toolkit reads.
    case unsupportedFormat = "UNSUPPORTED_FORMAT"
    /// The dataflow or DSD the data names is not among the loaded structures.
    case unknownStructure = "UNKNOWN_STRUCTURE"
    /// A value for a component the DSD does not have.
    case unknownComponent = "UNKNOWN_COMPONENT"
    /// A dimension is missing or empty.
    case missingDimension = "MISSING_DIMENSION"
    /// A coded value is not in its code list.
    case invalidCode = "INVALID_CODE"
    /// An uncoded value breaks its text format (type or facets).
    case invalidValue = "INVALID_VALUE"
    /// A time period is malformed, or not of the form its series' frequency needs.
    case invalidTimePeriod = "INVALID_TIME_PERIOD"
    /// A mandatory attribute is missing at its attachment level.
    case missingAttribute = "MISSING_ATTRIBUTE"
    /// The same observation (series key and period) is reported more than once.
    case duplicateObservation = "DUPLICATE_OBSERVATION"

    /// The Fusion Registry validation error this code corresponds to most closely.
    public var fusionRegistryCode: String {
        switch self {
        case .malformedInput: "REG-101-001"
        case .unsupportedFormat: "REG-101-002"
        case .unknownStructure: "REG-102-001"
        case .unknownComponent: "REG-201-001"
        case .missingDimension: "REG-201-002"
        case .invalidCode: "REG-202-001"
        case .invalidValue: "REG-203-001"
        case .invalidTimePeriod: "REG-204-001"
        case .missingAttribute: "REG-205-001"
        case .duplicateObservation: "REG-206-001"
        }
    }
}

public enum Severity: String, Sendable, Hashable, Codable {
    case error
    case warning
}
