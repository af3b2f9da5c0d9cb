import AllianceRepository
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The repository's last change per dataflow (what `ETag` and `Last-Modified` come from), read once and
/// reused while it cannot have moved, instead of a query per answer: for a SQLite file while the file and
/// its write-ahead log keep their sizes and modification times (a commit changes them) and at most
/// `maximumAge`; for PostgreSQL, for `maximumAge` only. An ingest is thus seen by the next answer, or at
/// worst (a commit the file times cannot tell apart, or PostgreSQL) `maximumAge` later.
final class LastChangeCache: Sendable {
    /// A dataflow's last change and its `Last-Modified` text.
    struct Stamp: Sendable {
        let instant: String?
        let lastModified: String?
    }

    private struct Entry {
        let stamp: Stamp
        let files: FileState?
        let readAt: ContinuousClock.Instant
    }

    /// Sizes and modification times of the database file and its write-ahead log.
    struct FileState: Equatable {
        var sizes: [Int64]
        var times: [Int64]
    }

    private let paths: [String]
    private let maximumAge: Duration
    private let entries = Mutex<[String: Entry]>([:])

    init(repositoryPath: String, maximumAge: Duration = .seconds(1)) {
        paths = AllianceRepository.isPostgres(repositoryPath) ? [] : [repositoryPath, repositoryPath + "-wal"]
        self.maximumAge = maximumAge
    }

    /// The stamp known for `dataflow` if it is still good, else nil (read it with ``store(_:for:read:)``).
    func cached(dataflow: String) -> Stamp? {
        guard let entry = entries.withLock({ $0[dataflow] }) else { return nil }
        guard ContinuousClock.now - entry.readAt < maximumAge, entry.files == fileState() else { return nil }
        return entry.stamp
    }

    /// Reads the dataflow's last change through `read` and keeps it. The file state is taken before the
    /// read, so a commit during the read makes the next answer read again.
    func refresh(dataflow: String, read: () throws -> String?) rethrows -> Stamp {
        let files = fileState()
        let readAt = ContinuousClock.now
        let instant = try read()
        let stamp = Stamp(
            instant: instant, lastModified: instant.flatMap(HTTPDate.init(repositoryInstant:))?.text)
        // A dataflow name comes from the catalog (never from the client), so the table is bounded by it.
        entries.withLock { $0[dataflow] = Entry(stamp: stamp, files: files, readAt: readAt) }
        return stamp
    }

    /// Nil for PostgreSQL; a file that does not exist (no write-ahead log yet) counts as size and time -1.
    func fileState() -> FileState? {
        guard !paths.isEmpty else { return nil }
        var state = FileState(sizes: [], times: [])
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                state.sizes.append(-1)
                state.times.append(-1)
                continue
            }
            state.sizes.append(Int64(status.st_size))
            #if canImport(Darwin)
                let time = status.st_mtimespec
            #else
                let time = status.st_mtim
            #endif
            state.times.append(Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
        }
        return state
    }
}
