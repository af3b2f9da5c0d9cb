import Foundation
@testable import IDACSubmission
import SDMXCSV
import SDMXModel
import TestSupport
import Testing

/// The pipe that reads a file on one thread and validates it on another.
@Suite struct DataEventPipeTests {
    /// Writes down every event it receives, and the thread it received it on; can fail at an observation.
    final class Recorder: DataHandler, @unchecked Sendable {
        var events: [String] = []
        var threads: Set<String> = []
        var failAt: Int?
        var observations = 0

        private func note(_ event: String) {
            events.append(event)
            threads.insert(Thread.isMainThread ? "main" : "\(Unmanaged.passUnretained(Thread.current).toOpaque())")
        }

        func header(_ header: DataMessageHeader) throws { note("header") }
        func startDataSet(_ dataSet: DataSetStart) throws {
            note("dataset \(dataSet.structure?.description ?? "-") \(dataSet.position.line)")
        }
        func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {
            note("group \(id ?? "-") \(values.count)")
        }
        func startSeries(values: [ComponentValue], at position: DataPosition) throws {
            note(
                "series " + values.map { "\($0.id)=\($0.value)@\($0.column)" }.joined(separator: ",")
                    + " \(position.line)")
        }
        func observation(values: [ComponentValue], at position: DataPosition) throws {
            observations += 1
            if let failAt, observations == failAt { throw SDMXError(.unreadableFile, "the disk is full") }
            note(
                "obs " + values.map { "\($0.id)=\($0.value)@\($0.column)" }.joined(separator: ",")
                    + " \(position.line):\(position.column)")
        }
        func endSeries() throws { note("end series") }
        func endDataSet() throws { note("end dataset") }
    }

    /// Reads a file into `handler` as the validator would be fed.
    func read(_ path: String, into handler: any DataHandler) throws {
        try SDMXCSVDataReader().read(path: path, into: handler)
    }

    @Test(arguments: [(1, 1), (3, 1), (7, 2), (2048, 4)])
    func theHandlerSeesTheSameEventsOnAnotherThread(eventsPerBatch: Int, maxQueued: Int) throws {
        let path = TestPaths.project("SampleData/kenya-2024-quarterly.csv")
        let direct = Recorder()
        try read(path, into: direct)
        let piped = Recorder()
        try DataEventPipe.run(into: piped, eventsPerBatch: eventsPerBatch, maxQueued: maxQueued) {
            try read(path, into: $0)
        }
        #expect(direct.events.count > 10 && piped.events == direct.events)
        #expect(piped.threads.count == 1 && !piped.threads.contains("main"), "every event on the pipe's own thread")
    }

    /// A failing handler stops the reader and its error is the one reported; events before it were all handled.
    @Test func theHandlersErrorStopsTheReader() throws {
        let handler = Recorder()
        handler.failAt = 5
        var sent = 0
        do {
            try DataEventPipe.run(into: handler, eventsPerBatch: 2, maxQueued: 1) { pipe in
                for number in 0..<100_000 {
                    sent += 1
                    try pipe.observation(
                        values: [ComponentValue(id: "N", value: String(number))],
                        at: DataPosition(line: number, column: 1))
                }
            }
            Issue.record("the handler's error is rethrown")
        } catch let error as SDMXError {
            #expect(error.message == "the disk is full")
        }
        #expect(handler.events.count == 4, "the four observations before the failing one")
        #expect(sent < 100, "the reader stopped within a few batches, not at the end of the file (sent \(sent))")
    }

    /// A reader's error comes after everything it sent has been handled.
    @Test func theReadersErrorComesAfterWhatItSent() throws {
        let handler = Recorder()
        do {
            try DataEventPipe.run(into: handler, eventsPerBatch: 1000, maxQueued: 2) { pipe in
                for number in 0..<2500 {
                    try pipe.observation(
                        values: [ComponentValue(id: "N", value: String(number))],
                        at: DataPosition(line: number, column: 1))
                }
                throw SDMXError(.malformedInput, "XML is not well formed")
            }
            Issue.record("the reader's error is rethrown")
        } catch let error as SDMXError {
            #expect(error.code == .malformedInput)
        }
        #expect(handler.events.count == 2500 && handler.events.last == "obs N=2499@0 2499:1")
    }
}
