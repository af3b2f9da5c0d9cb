import SDMXInput
import SDMXModel

/// Streams an SDMX-JSON data message, 1.0 or 2.0, series or flat, to a ``DataHandler``, one observation
/// at a time, with each value's line and column.
///
/// SDMX-JSON gives dimension and attribute values as numbers into the value lists of the message's
/// `structure` section, which may come after `dataSets` (JSON members are unordered; idac's own writer
/// puts it last), and a dataset's `action` and attributes may follow its observations. Rather than hold
/// observations until those arrive, the reader makes **two passes over the source**: the first tokenizes
/// the whole message keeping only the header, the structure sections and each dataset's few leading
/// members; the second re-reads the source (a file or a decompressed archive entry is read again from its
/// start; a pipe only when it fitted in ``StreamSource``'s replay buffer) and streams the observations.
/// Spooling the `dataSets` byte range instead would cost disk space as large as the data and a second
/// read all the same; a second tokenization costs time only, and memory stays that of the structures.
public final class SDMXJSONDataReader {
    private let limits: JSONLimits

    /// A reader that holds `limits` over both passes.
    public init(limits: JSONLimits = .default) {
        self.limits = limits
    }

    /// Reads the file at `path`, from its start twice (see the type's notes).
    public func read(path: String, into handler: any DataHandler) throws {
        try read(source: ChunkedFileReader(path: path), into: handler)
    }

    /// Streams the message in `source` to `handler`: the header first, then every dataset's observations.
    /// `source` is read twice (see the type's notes); a message without `dataSets` is read once.
    public func read(source: any ByteSource, into handler: any DataHandler) throws {
        let survey = SDMXJSONDataSets(
            mode: .survey, file: source.name, maxDataSets: limits.maxDataSets, maxKeptValues: limits.maxStructureValues)
        let first = SDMXJSONMessagePass(file: source.name, dataSets: survey, limits: limits)
        try JSONTokenizer(file: source.name, limits: limits, handler: first).tokenize(source)
        let structures = first.structures.map(SDMXJSONStructure.init)
        try handler.header(Self.header(first.header, structures: structures))
        if let invalid = first.invalidText {
            try handler.recordProblem(
                .described(
                    "\(invalid.count) string(s) of the message's header or structure, the first here, are not valid "
                        + "UTF-8 (save the file as UTF-8); their bad bytes are read as U+FFFD"),
                at: invalid.position)
        }
        guard first.sawDataSets else { return }
        let stream = SDMXJSONDataSets(
            mode: .stream, file: source.name, maxDataSets: limits.maxDataSets, maxKeptValues: limits.maxStructureValues)
        stream.adopt(survey.infos)
        stream.structures = structures
        stream.handler = handler
        let second = SDMXJSONMessagePass(file: source.name, dataSets: stream, limits: limits)
        try JSONTokenizer(file: source.name, limits: limits, handler: second).tokenize(source)
    }

    /// The message's header: 2.0's `meta` or 1.0's `header` (id, prepared, sender), and its structures.
    static func header(_ node: JSONValue?, structures: [SDMXJSONStructure]) -> DataMessageHeader {
        var header = DataMessageHeader(
            id: node?["id"]?.text, sender: node?["sender"]?["id"]?.text, prepared: node?["prepared"]?.text)
        for (offset, structure) in structures.enumerated() {
            guard let reference = structure.reference else { continue }
            header.structures.append(
                DataStructureUsage(
                    structureID: String(offset), reference: reference,
                    dimensionAtObservation: structure.dimensionAtObservation))
        }
        return header
    }
}
