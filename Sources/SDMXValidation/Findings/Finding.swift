/// One thing wrong with a submission, and exactly where: a value, not a thrown error, so that
/// validation goes on and reports everything it finds.
public struct Finding: Sendable, Hashable {
    /// What kind of problem it is; scripts match on it.
    public var code: FindingCode
    /// Whether it makes the submission invalid (an error) or only deserves a look (a warning).
    public var severity: Severity
    /// What is wrong and, where possible, what to do, in words for the reporter.
    public var message: String
    /// 1-based line where the offending element or record starts; 0 when the whole file is meant.
    public var line: Int
    /// The parser's column for XML; the 1-based field number for CSV.
    public var column: Int
    /// The id of the component whose value is at fault; nil when the finding is about no one component.
    public var component: String?
    /// The offending value as reported (shortened when long); nil when there is none, as for a missing value.
    public var value: String?
    /// The series key, dimension values joined by `.` in DSD order.
    public var key: String?
    /// The observation's time period, as reported; nil for findings above the observation level.
    public var timePeriod: String?

    /// Makes a finding; an error unless `severity` says otherwise.
    public init(
        code: FindingCode, severity: Severity = .error, message: String, line: Int, column: Int,
        component: String? = nil, value: String? = nil, key: String? = nil, timePeriod: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
        self.component = component
        self.value = value
        self.key = key
        self.timePeriod = timePeriod
    }
}
