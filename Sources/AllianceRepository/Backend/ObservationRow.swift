/// A stored observation's version as a selection reads it (``ObservationSelection/columns``), before the
/// row filters: what both backends hand the shared query code.
///
/// The dataflow is not a column: every selection names it (`d.name = ?`), and the reader knows it. Rows come
/// by series and share their attribute sets, so a backend reads `seriesKey` and `attributes` only when the
/// series or attribute set id changes and hands the previous row's strings on otherwise: the same storage,
/// which the shared code then compares by identity instead of by content (reading and comparing them per row
/// cost a tenth of an answer).
struct ObservationRow {
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

/// The text columns a backend reads once per run of equal ids (see ``ObservationRow``).
struct RepeatedColumns {
    private var seriesID: Int64 = .min
    private var seriesKey = ""
    private var attributeSetID: Int64 = .min
    private var attributes = ""

    /// The series key of series `id`: `read` is called only when the id differs from the last row's.
    mutating func seriesKey(_ id: Int64, _ read: () throws -> String) rethrows -> String {
        if id != seriesID {
            seriesKey = try read()
            seriesID = id
        }
        return seriesKey
    }

    /// The attribute text of attribute set `id`: `read` is called only when the id differs from the last row's.
    mutating func attributes(_ id: Int64, _ read: () throws -> String) rethrows -> String {
        if id != attributeSetID {
            attributes = try read()
            attributeSetID = id
        }
        return attributes
    }
}
