/// What is wrong with a record itself, as its reader found it. The reader reports it on the record's
/// line just before the record's observation, so that the validator says so and goes on with the
/// values it could read.
public enum RecordProblem: Hashable, Sendable {
    /// The record has this many fields, where its header has another number (CSV).
    case fieldCount(Int)
    /// Its text is not what its encoding says: the reader's description (e.g. "text is not valid UTF-8").
    case text(String)
    /// Any other fault of the record the reader can say in words (an SDMX-JSON index past its list):
    /// reported as it is.
    case described(String)
}
