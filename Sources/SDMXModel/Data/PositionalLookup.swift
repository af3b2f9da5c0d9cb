/// Remembers what a look-up by component id answered for each position of an observation's values. Readers
/// hand the same id strings at the same positions observation after observation, and the same string
/// compares by identity, cheaply: the look-up itself (hashing the id into a dictionary or a set) then runs
/// once per position, not once per value — it cost a tenth of an ingest. A different id at a position is
/// looked up anew, so the answer is always the look-up's.
public struct PositionalLookup<Answer> {
    private var ids: [String] = []
    private var answers: [Answer] = []
    private let lookUp: (String) -> Answer

    /// Answers with `lookUp`, remembered per position.
    public init(_ lookUp: @escaping (String) -> Answer) {
        self.lookUp = lookUp
    }

    /// What `lookUp` answers for `id`, the value at `position` of the values being read.
    public mutating func answer(for id: String, at position: Int) -> Answer {
        if position < ids.count {
            if id == ids[position] { return answers[position] }
            let answer = lookUp(id)
            ids[position] = id
            answers[position] = answer
            return answer
        }
        let answer = lookUp(id)
        if position == ids.count {
            ids.append(id)
            answers.append(answer)
        }
        return answer
    }
}
