/// Receives a data message as a stream of events, one observation at a time.
///
/// Readers reuse the arrays they pass: a handler copies what it keeps past the call.
/// Series-form messages send `startSeries`/`endSeries` around their observations; flat messages and
/// CSV send observations that carry every dimension themselves.
public protocol DataHandler: AnyObject {
    func header(_ header: DataMessageHeader) throws
    func startDataSet(_ dataSet: DataSetStart) throws
    func group(id: String?, values: [ComponentValue], at position: DataPosition) throws
    func startSeries(values: [ComponentValue], at position: DataPosition) throws
    func observation(values: [ComponentValue], at position: DataPosition) throws
    /// An observation as bytes: what readers send. Handlers that work on text need not implement
    /// it (the default makes ``ComponentValue``s and calls ``observation(values:at:)``); the
    /// validator does, to make text only of values that changed since the last observation.
    func observation(_ record: ObservationRecord, at position: DataPosition) throws
    /// A problem with the record whose observation comes next (a wrong number of fields, text that
    /// is not UTF-8). Handlers that pass events on forward it; others may ignore it (the default).
    func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws
    func endSeries() throws
    func endDataSet() throws
    /// The messages of the message's footer, when it has one (after its datasets).
    func footer(_ messages: [FooterMessage]) throws
}

extension DataHandler {
    public func footer(_ messages: [FooterMessage]) throws {}

    public func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws {}

    public func observation(_ record: ObservationRecord, at position: DataPosition) throws {
        try observation(values: record.componentValues, at: position)
    }
}

/// How a data file was written: the forms the format detector and readers know.
public enum DataFormat: String, Sendable, Hashable {
    case sdmxML21StructureSpecific = "SDMX-ML 2.1 StructureSpecificData"
    case sdmxML21StructureSpecificTimeSeries = "SDMX-ML 2.1 StructureSpecificTimeSeriesData"
    case sdmxML30StructureSpecific = "SDMX-ML 3.0 StructureSpecificData"
    case sdmxML21Generic = "SDMX-ML 2.1 GenericData"
    case sdmxML20Generic = "SDMX-ML 2.0 GenericData"
    case sdmxML20Compact = "SDMX-ML 2.0 CompactData"
    case sdmxML21GenericTimeSeries = "SDMX-ML 2.1 GenericTimeSeriesData"
    case sdmxCSV20 = "SDMX-CSV 2.0"
    case sdmxCSV10 = "SDMX-CSV 1.0"
    case sdmxJSON20 = "SDMX-JSON 2.0"
    case sdmxJSON10 = "SDMX-JSON 1.0"
}
