import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXInput
import SDMXModel
import Synchronization
import TestSupport
import Testing

/// A read stopped by its cancellation in the middle of an ingest stores nothing: its transaction rolls back.
@Suite struct CancelledIngestTests {
    /// Counts the checks of a read, and stops it at the `stopAt`-th (never when nil).
    final class Counter: Sendable {
        let checks = Mutex(0)
        let stopAt: Int?

        init(stopAt: Int?) { self.stopAt = stopAt }

        func stillWanted() -> Bool {
            checks.withLock { count in
                count += 1
                return stopAt.map { count < $0 } ?? true
            }
        }
    }

    /// 20 000 valid observations of Kenya's (seven series, years 1001 to 3858): some 8 chunks of input.
    func bigKenyaCSV() throws -> String {
        var text =
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD,"
            + "OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
        for index in 0..<20_000 {
            let origin = ["SOM", "SSD", "ETH", "COD", "BDI", "UGA", "RWA"][index % 7]
            text +=
                "dataflow,IDAC:DF_CHILD_MIGRATION(1.0),I,A,KEN,MG_ASYLM_APPL_NEW,\(origin),F,Y0T17,_T,"
                + "\(1001 + index / 7),\(index),PS,0,A\n"
        }
        let path = try TestPaths.temporaryDirectory() + "/kenya-big.csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func ingest(_ path: String, counter: Counter) throws -> AllianceRepository {
        var validator = try SubmissionValidator(
            catalog: ArchiveSubmissionTests.catalog, harmonisation: try HarmonisationMaps.embedded())
        validator.limits.cancellation = ReadCancellation(stillWanted: { counter.stillWanted() })
        let repository = try AllianceRepository(path: try TestPaths.temporaryDirectory() + "/alliance.sqlite")
        _ = try Ingestor(validator: validator, repository: repository).ingest(path: path)
        return repository
    }

    @Test func anIngestStoppedMidReadStoresNothing() throws {
        let path = try bigKenyaCSV()
        // Uncancelled, the file is stored, after some number of checks.
        let whole = Counter(stopAt: nil)
        let stored = try ingest(path, counter: whole)
        #expect(try stored.transmissions().count == 1)
        let checks = whole.checks.withLock { $0 }
        #expect(checks > 8)
        // Stopped two chunks before its end: inside the transaction, after the digest's pass.
        var stopped: ReadCancelled?
        let repository = try AllianceRepository(path: try TestPaths.temporaryDirectory() + "/alliance.sqlite")
        var validator = try SubmissionValidator(
            catalog: ArchiveSubmissionTests.catalog, harmonisation: try HarmonisationMaps.embedded())
        let late = Counter(stopAt: checks - 1)
        validator.limits.cancellation = ReadCancellation(stillWanted: { late.stillWanted() })
        do {
            _ = try Ingestor(validator: validator, repository: repository).ingest(path: path)
        } catch let error as ReadCancelled {
            stopped = error
        }
        #expect(stopped?.reason == .cancelled)
        #expect(try repository.transmissions().isEmpty)
        #expect(try repository.observations(dataflow: "IDAC:DF_CHILD_MIGRATION(1.0)").isEmpty)
    }
}
