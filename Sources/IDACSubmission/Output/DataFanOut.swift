import SDMXModel

/// Sends every event to several handlers in turn: the validator and a writer see the same stream.
public final class DataFanOut: DataHandler {
    private let handlers: [any DataHandler]

    /// Makes a fan-out that hands each event to `handlers` in this order; the first that throws stops the event there.
    public init(_ handlers: [any DataHandler]) {
        self.handlers = handlers
    }

    /// See ``DataHandler``: passed to every handler in turn. The members below do the same with their event.
    public func header(_ header: DataMessageHeader) throws { for handler in handlers { try handler.header(header) } }
    /// See ``DataHandler``: passed to every handler in turn.
    public func footer(_ messages: [FooterMessage]) throws { for handler in handlers { try handler.footer(messages) } }
    /// See ``DataHandler``: passed to every handler in turn.
    public func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws {
        for handler in handlers { try handler.recordProblem(problem, at: position) }
    }
    /// See ``DataHandler``: passed to every handler in turn.
    public func startDataSet(_ dataSet: DataSetStart) throws {
        for handler in handlers { try handler.startDataSet(dataSet) }
    }
    /// See ``DataHandler``: passed to every handler in turn.
    public func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {
        for handler in handlers { try handler.group(id: id, values: values, at: position) }
    }
    /// See ``DataHandler``: passed to every handler in turn.
    public func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        for handler in handlers { try handler.startSeries(values: values, at: position) }
    }
    /// See ``DataHandler``: passed to every handler in turn.
    public func observation(values: [ComponentValue], at position: DataPosition) throws {
        for handler in handlers { try handler.observation(values: values, at: position) }
    }
    /// See ``DataHandler``: passed to every handler in turn, as bytes (each handler makes text of what it needs).
    public func observation(_ record: ObservationRecord, at position: DataPosition) throws {
        for handler in handlers { try handler.observation(record, at: position) }
    }
    /// See ``DataHandler``: passed to every handler in turn.
    public func endSeries() throws { for handler in handlers { try handler.endSeries() } }
    /// See ``DataHandler``: passed to every handler in turn.
    public func endDataSet() throws { for handler in handlers { try handler.endDataSet() } }
}
