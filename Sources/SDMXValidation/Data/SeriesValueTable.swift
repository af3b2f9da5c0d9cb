/// What a rule makes of one dimension's values, as a table by the number ``SeriesKeys`` gave each
/// value: a series' entry is then read from its key without its value's text. Made once all series
/// are known (at the end of a dataset), and only read after, so that partitions checked side by side
/// share it.
struct SeriesValueTable<Element> {
    private let keys: SeriesKeys
    /// The dimension's place among the keys' positions (-1: not a dimension; nothing is found).
    private let position: Int
    private let entries: [Element?]

    /// - Parameter entry: what a value means to the rule; nil when the rule leaves it out.
    init(_ keys: SeriesKeys, position: Int, entry: (String) -> Element?) {
        self.keys = keys
        self.position = position
        entries = keys.values(at: position).map(entry)
    }

    /// The entry of the series numbered `key` in the keys, nil when it has none.
    func entry(ofSeries key: Int) -> Element? {
        guard let code = keys.code(of: key, at: position).map(Int.init), code < entries.count else { return nil }
        return entries[code]
    }
}
