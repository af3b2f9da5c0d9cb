/// One thing wrong with a submission, and exactly where: a value, not a thrown error, so that
/// validation goes on and reports everything it finds.
public struct Finding: Sendable, Hashable {
    public var code: FindingCode
    public var severity: Severity
    public var message: String
    /// 1-based line where the offending element or record starts; 0 when the whole file is meant.
    public var line: Int
    /// The parser's column for XML; the 1-based field number for CSV.
    public var column: Int
    public var component: String?
    public var value: String?
    /// The series key, dimension values joined by `.` in DSD order.
    public var key: String?
    public var timePeriod: String?

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
