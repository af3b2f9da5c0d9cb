/// One observation as the repository holds it: its key, period, value and attributes, and the
/// transmission that set it.
public struct StoredObservation: Sendable, Equatable {
    /// The dataflow as reports name it: `IDAC:DF_CHILD_MIGRATION(1.0)`.
    public var dataflow: String
    /// Dimension values in DSD order, joined by `.`.
    public var seriesKey: String
    /// The time period, as the file wrote it (`2024`, `2024-Q3`).
    public var period: String
    /// Empty when the value is missing (its status says why).
    public var value: String
    /// Attribute values by component id.
    public var attributes: [String: String]
    /// The transmission that set this version (``TransmissionRecord/id``).
    public var transmissionID: Int64
    /// When this version came into force: its transmission's arrival, in the repository's form (``RepositoryInstant``).
    public var validFrom: String
    /// When this version stopped being in force: nil for the version in force. Set in a history read
    /// (``ObservationQuery/includeHistory``) for the versions since replaced or deleted, and in an
    /// ``ObservationQuery/updatedAfter`` read for observations deleted since (their last version).
    public var validTo: String?

    /// An observation version as read from the repository, or made by hand in tests.
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
    /// The country (REF_AREA value).
    public var refArea: String
    /// The dataflow as reports name it: `IDAC:DF_CHILD_MIGRATION(1.0)`.
    public var dataflow: String
    /// The newest transmission that set one of the country's current observations in this dataflow.
    public var lastTransmissionID: Int64
    /// When that transmission arrived, in the repository's form (``RepositoryInstant``).
    public var lastReceived: String
    /// The smallest period among the current observations, compared as text.
    public var firstPeriod: String
    /// The largest period among the current observations, compared as text.
    public var lastPeriod: String
    /// Whether the country has observations for the period asked about (nil when none was asked).
    public var reportedForPeriod: Bool?
}
