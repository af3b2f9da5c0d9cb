import SDMXModel

/// The bytes a zip archive's entries expand to, counted for the archive as a whole: each entry
/// counts once however often it is read (an ingest reads it to hash, to detect and to store), and
/// the sum must stay within the limits, so many entries cannot add up to a bomb.
final class ArchiveBudget {
    private let path: String
    private let archiveBytes: Int64
    private let limits: DecompressionLimits
    private var expandedByEntry: [Int: Int64] = [:]
    private(set) var total: Int64 = 0

    init(path: String, archiveBytes: Int64, limits: DecompressionLimits) {
        self.path = path
        self.archiveBytes = max(archiveBytes, 1)
        self.limits = limits
    }

    /// Entry `entry` has expanded to `expanded` bytes so far.
    func note(entry: Int, expanded: Int64) throws {
        let before = expandedByEntry[entry, default: 0]
        guard expanded > before else { return }
        expandedByEntry[entry] = expanded
        total += expanded - before
        if total > limits.maxExpandedBytes {
            throw SDMXError(
                .limitExceeded,
                "\(path) expands to more than \(limits.maxExpandedBytes >> 20) MB (all its "
                    + "entries together); it was refused as a possible archive bomb")
        }
        if total > limits.ratioCheckAfterBytes, total > limits.maxRatio * archiveBytes {
            throw SDMXError(
                .limitExceeded,
                "\(path) expands more than \(limits.maxRatio) times its size (all its entries "
                    + "together); it was refused as a possible archive bomb")
        }
    }
}
