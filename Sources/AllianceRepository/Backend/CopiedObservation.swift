/// One stored version as ``AllianceRepository/copy(from:to:)`` moves it: what each backend stores, by names
/// rather than by its own ids (the target gives its dataflows, series and attribute sets ids of its own).
struct CopiedObservation {
    var dataflow: String
    var seriesKey: String
    var refArea: String?
    var period: String
    var value: String?
    var attributes: String
    var transmissionID: Int64
    /// Milliseconds since 1970 (``RepositoryInstant/milliseconds(_:)``).
    var validFrom: Int64
    var validTo: Int64?

    /// The columns ``init(row:)`` reads, in order, from ``ObservationSelection/tables``.
    static let columns =
        "d.name, s.seriesKey, s.refArea, o.period, o.value, a.attributes, o.transmissionID, o.validFrom, o.validTo"

    init(row: [SQLValue]) {
        dataflow = row.text(0) ?? ""
        seriesKey = row.text(1) ?? ""
        refArea = row.text(2)
        period = row.text(3) ?? ""
        value = row.text(4)
        attributes = row.text(5) ?? "{}"
        transmissionID = row.integer(6) ?? 0
        validFrom = row.integer(7) ?? 0
        validTo = row.integer(8)
    }
}
