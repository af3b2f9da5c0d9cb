/// An SDMX text format: a data type with optional facets.
public struct TextFormat: Hashable, Sendable {
    /// The data type values must have; `String` (any text) when the structure does not say.
    public var textType: TextType
    /// The fewest characters (not bytes) a value may have.
    public var minLength: Int?
    /// The most characters (not bytes) a value may have.
    public var maxLength: Int?
    /// A regular expression the whole value must match (anchored when checked).
    public var pattern: String?
    /// The smallest number allowed, inclusive.
    public var minValue: Double?
    /// The largest number allowed, inclusive.
    public var maxValue: Double?
    /// The most digits allowed after the decimal point.
    public var decimals: Int?
    /// SDMX's `isSequence`: values form a sequence from `startValue` or `startTime`. Read, not checked.
    public var isSequence: Bool?
    /// SDMX's `interval`: the step of a sequence or an `Incremental` value. Read, not checked.
    public var interval: Double?
    /// SDMX's `startValue`: where a numeric sequence starts. Read, not checked.
    public var startValue: Double?
    /// SDMX's `endValue`: where a numeric sequence ends. Read, not checked.
    public var endValue: Double?
    /// SDMX's `startTime`, as written: where a time sequence starts. Read, not checked.
    public var startTime: String?
    /// SDMX's `endTime`, as written: where a time sequence ends. Read, not checked.
    public var endTime: String?

    /// Makes a format with the checked facets; the sequence facets are set afterwards by the readers that meet them.
    public init(
        textType: TextType = .string, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil,
        minValue: Double? = nil, maxValue: Double? = nil, decimals: Int? = nil
    ) {
        self.textType = textType
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.minValue = minValue
        self.maxValue = maxValue
        self.decimals = decimals
    }

    /// True when the format constrains nothing beyond "any string".
    public var isUnconstrained: Bool {
        textType == .string && minLength == nil && maxLength == nil && pattern == nil
            && minValue == nil && maxValue == nil && decimals == nil
    }
}

/// SDMX's data types (`textType`). Kept open: a type we do not know is kept and not checked.
public struct TextType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The type's name as SDMX writes it (`Decimal`, `ObservationalTimePeriod`).
    public var rawValue: String
    /// Makes a type from its SDMX name; a name not listed below is kept and its values are not checked.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The SDMX name, as printed in messages.
    public var description: String { rawValue }

    /// `String`: any text; only the facets constrain it.
    public static let string = TextType(rawValue: "String")
    /// `Alpha`: letters only.
    public static let alpha = TextType(rawValue: "Alpha")
    /// `AlphaNumeric`: letters and digits only.
    public static let alphaNumeric = TextType(rawValue: "AlphaNumeric")
    /// `Numeric`: a non-empty string of ASCII digits (an identifier-like number, not a quantity).
    public static let numeric = TextType(rawValue: "Numeric")
    /// `BigInteger`: a whole number of any size (checked as a whole number).
    public static let bigInteger = TextType(rawValue: "BigInteger")
    /// `Integer`: a whole number.
    public static let integer = TextType(rawValue: "Integer")
    /// `Long`: a whole number (checked as `Integer`).
    public static let long = TextType(rawValue: "Long")
    /// `Short`: a whole number (checked as `Integer`).
    public static let short = TextType(rawValue: "Short")
    /// `Decimal`: a decimal number written with a point and no thousands separator.
    public static let decimal = TextType(rawValue: "Decimal")
    /// `Float`: a finite number, decimal or with an exponent.
    public static let float = TextType(rawValue: "Float")
    /// `Double`: a finite number, decimal or with an exponent (checked as `Float`).
    public static let double = TextType(rawValue: "Double")
    /// `Boolean`: `true`, `false`, `1` or `0`.
    public static let boolean = TextType(rawValue: "Boolean")
    /// `URI`: a link (its form is not checked).
    public static let uri = TextType(rawValue: "URI")
    /// `Count`: a whole number that counts (checked as `Integer`).
    public static let count = TextType(rawValue: "Count")
    /// `InclusiveValueRange`: a number within `minValue...maxValue` (checked as `Decimal` and the bounds).
    public static let inclusiveValueRange = TextType(rawValue: "InclusiveValueRange")
    /// `ExclusiveValueRange`: a number between the bounds (checked as `Decimal` and the bounds, inclusively).
    public static let exclusiveValueRange = TextType(rawValue: "ExclusiveValueRange")
    /// `Incremental`: a number in steps of `interval` (checked as `Decimal`; the step is not checked).
    public static let incremental = TextType(rawValue: "Incremental")
    /// `ObservationalTimePeriod`: any SDMX time period, the usual type of `TIME_PERIOD`.
    public static let observationalTimePeriod = TextType(rawValue: "ObservationalTimePeriod")
    /// `StandardTimePeriod`: a basic or reporting time period (checked as any SDMX time period).
    public static let standardTimePeriod = TextType(rawValue: "StandardTimePeriod")
    /// `BasicTimePeriod`: a Gregorian period or a date-time (checked as any SDMX time period).
    public static let basicTimePeriod = TextType(rawValue: "BasicTimePeriod")
    /// `GregorianTimePeriod`: a year, year-month or day (checked as any SDMX time period).
    public static let gregorianTimePeriod = TextType(rawValue: "GregorianTimePeriod")
    /// `GregorianYear`: a year such as `2024`.
    public static let gregorianYear = TextType(rawValue: "GregorianYear")
    /// `GregorianYearMonth`: a year and month such as `2024-07`.
    public static let gregorianYearMonth = TextType(rawValue: "GregorianYearMonth")
    /// `GregorianDay`: a date such as `2024-07-15`.
    public static let gregorianDay = TextType(rawValue: "GregorianDay")
    /// `ReportingTimePeriod`: a reporting period such as `2024-Q3` (checked as any SDMX time period).
    public static let reportingTimePeriod = TextType(rawValue: "ReportingTimePeriod")
    /// `ReportingYear` (`2024-A1`): not checked, any value passes its type.
    public static let reportingYear = TextType(rawValue: "ReportingYear")
    /// `ReportingSemester` (`2024-S2`): not checked, any value passes its type.
    public static let reportingSemester = TextType(rawValue: "ReportingSemester")
    /// `ReportingTrimester` (`2024-T3`): not checked, any value passes its type.
    public static let reportingTrimester = TextType(rawValue: "ReportingTrimester")
    /// `ReportingQuarter` (`2024-Q3`): not checked, any value passes its type.
    public static let reportingQuarter = TextType(rawValue: "ReportingQuarter")
    /// `ReportingMonth` (`2024-M07`): not checked, any value passes its type.
    public static let reportingMonth = TextType(rawValue: "ReportingMonth")
    /// `ReportingWeek` (`2024-W30`): not checked, any value passes its type.
    public static let reportingWeek = TextType(rawValue: "ReportingWeek")
    /// `ReportingDay` (`2024-D200`): not checked, any value passes its type.
    public static let reportingDay = TextType(rawValue: "ReportingDay")
    /// `DateTime`: a date and time such as `2024-07-15T10:30:00` (a bare date passes too).
    public static let dateTime = TextType(rawValue: "DateTime")
    /// `TimeRange`: a start and a duration (checked as any SDMX time period).
    public static let timeRange = TextType(rawValue: "TimeRange")
    /// `Month` (`--07`): not checked, any value passes its type.
    public static let month = TextType(rawValue: "Month")
    /// `MonthDay` (`--07-15`): not checked, any value passes its type.
    public static let monthDay = TextType(rawValue: "MonthDay")
    /// `Day` (`---15`): not checked, any value passes its type.
    public static let day = TextType(rawValue: "Day")
    /// `Time` (`10:30:00`): not checked, any value passes its type.
    public static let time = TextType(rawValue: "Time")
    /// `Duration` (`P1Y`): not checked, any value passes its type.
    public static let duration = TextType(rawValue: "Duration")
    /// `XHTML`: formatted text, for attributes such as notes; not checked.
    public static let xhtml = TextType(rawValue: "XHTML")
}
