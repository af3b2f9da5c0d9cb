/// One stored version as ``AllianceRepository/copy(from:to:)`` moves it: every column but the row id (the
/// versions are written in their id order, so the target's ids follow the same order).
struct CopiedObservation {
    var dataflow: String
    var seriesKey: String
    var refArea: String?
    var period: String
    var value: String?
    var attributes: String
    var transmissionID: Int64
    var validFrom: String
    var validTo: String?
    var periodStart: Int64?
    var periodEnd: Int64?

    /// The columns ``init(row:)`` reads, in order.
    static let columns =
        "dataflow, seriesKey, refArea, period, value, attributes, transmissionID, validFrom, validTo, periodStart, "
        + "periodEnd"

    init(row: [SQLValue]) {
        dataflow = row.text(0) ?? ""
        seriesKey = row.text(1) ?? ""
        refArea = row.text(2)
        period = row.text(3) ?? ""
        value = row.text(4)
        attributes = row.text(5) ?? "{}"
        transmissionID = row.integer(6) ?? 0
        validFrom = row.text(7) ?? ""
        validTo = row.text(8)
        periodStart = row.integer(9)
        periodEnd = row.integer(10)
    }
}
