/// Receives a data message as a stream of events, one observation at a time.
///
/// Readers reuse the arrays they pass: a handler copies what it keeps past the call.
/// Series-form messages send `startSeries`/`endSeries` around their observations; flat messages and
/// CSV send observations that carry every dimension themselves.
public protocol DataHandler: AnyObject {
    /// The message's header, once, before any dataset.
    func header(_ header: DataMessageHeader) throws
    /// A dataset begins: what it says of its structure, action and dataset-level attributes.
    func startDataSet(_ dataSet: DataSetStart) throws
    /// A group's key and attributes (a group `id`, nil when the message does not name one); its attributes apply to
    /// every series that matches the key.
    func group(id: String?, values: [ComponentValue], at position: DataPosition) throws
    /// A series begins: its key values and series attributes, which hold for its observations until ``endSeries()``.
    func startSeries(values: [ComponentValue], at position: DataPosition) throws
    /// An observation as text: its time, value and attributes (in flat messages and CSV, every dimension too).
    func observation(values: [ComponentValue], at position: DataPosition) throws
    /// An observation as bytes: what readers send. Handlers that work on text need not implement
    /// it (the default makes ``ComponentValue``s and calls ``observation(values:at:)``); the
    /// validator does, to make text only of values that changed since the last observation.
    func observation(_ record: ObservationRecord, at position: DataPosition) throws
    /// A problem with the record whose observation comes next (a wrong number of fields, text that
    /// is not UTF-8). Handlers that pass events on forward it; others may ignore it (the default).
    func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws
    /// The series opened by the last ``startSeries(values:at:)`` ends.
    func endSeries() throws
    /// The dataset opened by the last ``startDataSet(_:)`` ends.
    func endDataSet() throws
    /// The messages of the message's footer, when it has one (after its datasets).
    func footer(_ messages: [FooterMessage]) throws
}

extension DataHandler {
    /// Ignores the footer; handlers that report its messages implement ``DataHandler/footer(_:)``.
    public func footer(_ messages: [FooterMessage]) throws {}

    /// Ignores the problem; handlers that pass events on or report problems implement it.
    public func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws {}

    /// Makes the record's ``ComponentValue``s and passes them to ``DataHandler/observation(values:at:)``: for handlers
    /// that work on text.
    public func observation(_ record: ObservationRecord, at position: DataPosition) throws {
        try observation(values: record.componentValues, at: position)
    }
}

/// How a data file was written: the forms the format detector and readers know.
public enum DataFormat: String, Sendable, Hashable {
    /// SDMX-ML 2.1 structure-specific data, flat or by series.
    case sdmxML21StructureSpecific = "SDMX-ML 2.1 StructureSpecificData"
    /// SDMX-ML 2.1 structure-specific time-series data (series only, time as the observation dimension).
    case sdmxML21StructureSpecificTimeSeries = "SDMX-ML 2.1 StructureSpecificTimeSeriesData"
    /// SDMX-ML 3.0 structure-specific data.
    case sdmxML30StructureSpecific = "SDMX-ML 3.0 StructureSpecificData"
    /// SDMX-ML 2.1 generic data (values as `Value` elements named by `id`).
    case sdmxML21Generic = "SDMX-ML 2.1 GenericData"
    /// SDMX-ML 2.0 generic data.
    case sdmxML20Generic = "SDMX-ML 2.0 GenericData"
    /// SDMX-ML 2.0 compact data (values as attributes, as structure-specific data has them).
    case sdmxML20Compact = "SDMX-ML 2.0 CompactData"
    /// SDMX-ML 2.1 generic time-series data.
    case sdmxML21GenericTimeSeries = "SDMX-ML 2.1 GenericTimeSeriesData"
    /// SDMX-CSV 2.0 (a `STRUCTURE` column naming the kind of artefact first).
    case sdmxCSV20 = "SDMX-CSV 2.0"
    /// SDMX-CSV 1.0 (a `DATAFLOW` column first).
    case sdmxCSV10 = "SDMX-CSV 1.0"
    /// SDMX-JSON 2.0 data.
    case sdmxJSON20 = "SDMX-JSON 2.0"
    /// SDMX-JSON 1.0 data.
    case sdmxJSON10 = "SDMX-JSON 1.0"
}
