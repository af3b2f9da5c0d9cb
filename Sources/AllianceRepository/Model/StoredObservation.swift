/// One observation as the repository holds it: its key, period, value and attributes, and the
/// transmission that set it.
public struct StoredObservation: Sendable, Equatable {
    public var dataflow: String
    /// Dimension values in DSD order, joined by `.`.
    public var seriesKey: String
    public var period: String
    /// Empty when the value is missing (its status says why).
    public var value: String
    /// Attribute values by component id.
    public var attributes: [String: String]
    public var transmissionID: Int64
    public var validFrom: String
    /// When this version stopped being in force: nil for the version in force. Set in a history read
    /// (``ObservationQuery/includeHistory``) for the versions since replaced or deleted, and in an
    /// ``ObservationQuery/updatedAfter`` read for observations deleted since (their last version).
    public var validTo: String?

    public init(
        dataflow: String, seriesKey: String, period: String, value: String, attributes: [String: String],
        transmissionID: Int64, validFrom: String, validTo: String? = nil
    ) {
        self.dataflow = dataflow
        self.seriesKey = seriesKey
        self.period = period
        self.value = value
        self.attributes = attributes
        self.transmissionID = transmissionID
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// What the repository tells about one country and dataflow, for `idac status`.
public struct ReportingStatus: Sendable, Equatable {
    public var refArea: String
    public var dataflow: String
    public var lastTransmissionID: Int64
    public var lastReceived: String
    public var firstPeriod: String
    public var lastPeriod: String
    /// Whether the country has observations for the period asked about (nil when none was asked).
    public var reportedForPeriod: Bool?
}
