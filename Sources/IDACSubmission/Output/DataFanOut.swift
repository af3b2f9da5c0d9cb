import SDMXModel

/// Sends every event to several handlers in turn: the validator and a writer see the same stream.
public final class DataFanOut: DataHandler {
    private let handlers: [any DataHandler]

    public init(_ handlers: [any DataHandler]) {
        self.handlers = handlers
    }

    public func header(_ header: DataMessageHeader) throws { for handler in handlers { try handler.header(header) } }
    public func footer(_ messages: [FooterMessage]) throws { for handler in handlers { try handler.footer(messages) } }
    public func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws {
        for handler in handlers { try handler.recordProblem(problem, at: position) }
    }
    public func startDataSet(_ dataSet: DataSetStart) throws {
        for handler in handlers { try handler.startDataSet(dataSet) }
    }
    public func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {
        for handler in handlers { try handler.group(id: id, values: values, at: position) }
    }
    public func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        for handler in handlers { try handler.startSeries(values: values, at: position) }
    }
    public func observation(values: [ComponentValue], at position: DataPosition) throws {
        for handler in handlers { try handler.observation(values: values, at: position) }
    }
    public func observation(_ record: ObservationRecord, at position: DataPosition) throws {
        for handler in handlers { try handler.observation(record, at: position) }
    }
    public func endSeries() throws { for handler in handlers { try handler.endSeries() } }
    public func endDataSet() throws { for handler in handlers { try handler.endDataSet() } }
}
