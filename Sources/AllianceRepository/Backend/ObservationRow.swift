/// A stored observation's version as a selection reads it (``ObservationSelection/columns``), before the
/// row filters: what both backends hand the shared query code.
struct ObservationRow {
    var dataflow: String
    var seriesKey: String
    var period: String
    /// Nil when the value is missing.
    var value: String?
    /// The attributes as the repository keeps them (``ObservationStore/encode(_:)``).
    var attributes: String
    var transmissionID: Int64
    var validFrom: String
    var validTo: String?
}
