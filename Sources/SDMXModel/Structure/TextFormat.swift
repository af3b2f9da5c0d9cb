/// An SDMX text format: a data type with optional facets.
public struct TextFormat: Hashable, Sendable {
    public var textType: TextType
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minValue: Double?
    public var maxValue: Double?
    public var decimals: Int?
    public var isSequence: Bool?
    public var interval: Double?
    public var startValue: Double?
    public var endValue: Double?
    public var startTime: String?
    public var endTime: String?

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
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let string = TextType(rawValue: "String")
    public static let alpha = TextType(rawValue: "Alpha")
    public static let alphaNumeric = TextType(rawValue: "AlphaNumeric")
    public static let numeric = TextType(rawValue: "Numeric")
    public static let bigInteger = TextType(rawValue: "BigInteger")
    public static let integer = TextType(rawValue: "Integer")
    public static let long = TextType(rawValue: "Long")
    public static let short = TextType(rawValue: "Short")
    public static let decimal = TextType(rawValue: "Decimal")
    public static let float = TextType(rawValue: "Float")
    public static let double = TextType(rawValue: "Double")
    public static let boolean = TextType(rawValue: "Boolean")
    public static let uri = TextType(rawValue: "URI")
    public static let count = TextType(rawValue: "Count")
    public static let inclusiveValueRange = TextType(rawValue: "InclusiveValueRange")
    public static let exclusiveValueRange = TextType(rawValue: "ExclusiveValueRange")
    public static let incremental = TextType(rawValue: "Incremental")
    public static let observationalTimePeriod = TextType(rawValue: "ObservationalTimePeriod")
    public static let standardTimePeriod = TextType(rawValue: "StandardTimePeriod")
    public static let basicTimePeriod = TextType(rawValue: "BasicTimePeriod")
    public static let gregorianTimePeriod = TextType(rawValue: "GregorianTimePeriod")
    public static let gregorianYear = TextType(rawValue: "GregorianYear")
    public static let gregorianYearMonth = TextType(rawValue: "GregorianYearMonth")
    public static let gregorianDay = TextType(rawValue: "GregorianDay")
    public static let reportingTimePeriod = TextType(rawValue: "ReportingTimePeriod")
    public static let reportingYear = TextType(rawValue: "ReportingYear")
    public static let reportingSemester = TextType(rawValue: "ReportingSemester")
    public static let reportingTrimester = TextType(rawValue: "ReportingTrimester")
    public static let reportingQuarter = TextType(rawValue: "ReportingQuarter")
    public static let reportingMonth = TextType(rawValue: "ReportingMonth")
    public static let reportingWeek = TextType(rawValue: "ReportingWeek")
    public static let reportingDay = TextType(rawValue: "ReportingDay")
    public static let dateTime = TextType(rawValue: "DateTime")
    public static let timeRange = TextType(rawValue: "TimeRange")
    public static let month = TextType(rawValue: "Month")
    public static let monthDay = TextType(rawValue: "MonthDay")
    public static let day = TextType(rawValue: "Day")
    public static let time = TextType(rawValue: "Time")
    public static let duration = TextType(rawValue: "Duration")
    public static let xhtml = TextType(rawValue: "XHTML")
}
