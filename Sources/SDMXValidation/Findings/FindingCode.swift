/// The kinds of finding, stable identifiers that scripts match on. The README maps each to the
/// nearest Fusion Registry error code.
public enum FindingCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// The XML or CSV is not well formed (or breaks a safety limit); findings before it are kept.
    case malformedInput = "MALFORMED_INPUT"
    /// The file is not in a format the toolkit reads.
    case unsupportedFormat = "UNSUPPORTED_FORMAT"
    /// The dataflow or DSD the data names is not among the loaded structures.
    case unknownStructure = "UNKNOWN_STRUCTURE"
    /// A warning: the structure lacks a code list or concept scheme no loaded file defines (a partial
    /// registry answer); the components it leaves unchecked are named, everything else is checked.
    case structureIncomplete = "STRUCTURE_INCOMPLETE"
    /// A message's footer (`footer:Message`, a web service's note such as "the response will be written
    /// to a file"); an error when the footer says so, else a warning. Also a message that holds no dataset.
    case footerMessage = "FOOTER_MESSAGE"
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
    /// A component given twice for one observation: twice in one element or record, or at a lower
    /// level (series, observation) with another value than a higher one (dataset, series) gave.
    case duplicateComponent = "DUPLICATE_COMPONENT"
    /// The same observation (series key and period) is reported more than once.
    case duplicateObservation = "DUPLICATE_OBSERVATION"
    /// A value the dataflow's (or DSD's) content constraint does not allow.
    case constraintViolation = "CONSTRAINT_VIOLATION"
    /// A consistency rule (a VTL ruleset published with the structures, or a built-in check) fails.
    case ruleViolation = "RULE_VIOLATION"
    /// Harmonisation: an age band the maps do not list and that cannot be read as a range of ages.
    case unmappedAgeBand = "UNMAPPED_AGE_BAND"
    /// Harmonisation: an age band that straddles the Alliance's bands; its observation is left out.
    case straddlingAgeBand = "STRADDLING_AGE_BAND"
    /// Harmonisation: parts of an Alliance age band that do not cover it exactly once; not summed.
    case incompleteAgeBands = "INCOMPLETE_AGE_BANDS"
    /// The submission portal: an observation for another country than the sending office's.
    case otherCountry = "OTHER_COUNTRY"

    /// The Fusion Registry data validation error codes (module 201, as its documentation lists them)
    /// this code corresponds to; `nil` where Fusion Registry documents no close equivalent.
    public var fusionRegistryCodes: [String]? {
        switch self {
        case .unknownComponent: ["REG-201-001"]
        case .missingAttribute: ["REG-201-051"]
        case .invalidTimePeriod: ["REG-201-150", "REG-201-151"]
        case .ruleViolation: ["REG-201-130", "REG-201-131"]
        default: nil
        }
    }
}

/// How much a finding weighs.
public enum Severity: String, Sendable, Hashable, Codable {
    /// The submission is invalid: the run exits 1.
    case error
    /// Worth a look, but the submission stays valid.
    case warning
}
