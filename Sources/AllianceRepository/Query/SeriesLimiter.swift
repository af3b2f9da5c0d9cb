/// Applies `firstNObservations` and `lastNObservations` to observations arriving in key and period order:
/// at most N periods per series (every version of each, in a history read). `lastN` holds back only the
/// current series' last N periods, so memory stays bounded by N, not by the answer.
struct SeriesLimiter {
    let firstN: Int?
    let lastN: Int?
    let body: (StoredObservation) throws -> Void
    private var seriesKey: String?
    private var period: String?
    private var periodsInSeries = 0
    /// The held-back periods of the current series, each with its versions; `head` is the oldest kept.
    private var held: [[StoredObservation]] = []
    private var head = 0

    init(firstN: Int?, lastN: Int?, body: @escaping (StoredObservation) throws -> Void) {
        self.firstN = firstN
        self.lastN = lastN
        self.body = body
    }

    mutating func accept(_ observation: StoredObservation) throws {
        if observation.seriesKey != seriesKey {
            try flush()
            seriesKey = observation.seriesKey
            period = nil
            periodsInSeries = 0
        }
        let newPeriod = observation.period != period
        if newPeriod {
            period = observation.period
            periodsInSeries += 1
        }
        if let firstN, periodsInSeries > firstN { return }
        guard let lastN else {
            try body(observation)
            return
        }
        if newPeriod {
            held.append([])
            if held.count - head > lastN { head += 1 }
            // Drop what has slid out of the window now and then, not on every period.
            if head > 64 && head * 2 > held.count {
                held.removeFirst(head)
                head = 0
            }
        }
        held[held.count - 1].append(observation)
    }

    /// Hands over what `lastN` held back: at the end of each series and of the answer.
    mutating func flush() throws {
        for group in held[head...] {
            for observation in group { try body(observation) }
        }
        held.removeAll(keepingCapacity: true)
        head = 0
    }
}
