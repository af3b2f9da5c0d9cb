import SDMXModel

/// A condition on one component's values, as SDMX REST 2.x writes it in `c[COMPONENT]=op:value`: a list of
/// alternatives (`,`, any may hold), each a list of terms (`+`, all must hold).
public struct ComponentCondition: Sendable, Equatable {
    /// What the condition reads.
    public enum Target: Sendable, Equatable {
        /// A dimension, by its position in the series key.
        case dimension(position: Int)
        /// The period, compared as the time it covers (``PeriodInterval``).
        case timePeriod
        /// An attribute, by id (an absent attribute reads as empty).
        case attribute(String)
        /// The observation value.
        case value
    }

    /// The operators of the specification.
    public enum Operator: String, Sendable, CaseIterable {
        /// `eq`/`ne` equal or not, `lt`/`le`/`gt`/`ge` ordered, `co`/`nc` contains or not, `sw`/`ew` starts
        /// or ends with.
        case eq, ne, lt, le, gt, ge, co, nc, sw, ew
    }

    /// One `op:value`.
    public struct Term: Sendable, Equatable {
        /// How the value is compared.
        public var op: Operator
        /// What it is compared with, as the query wrote it.
        public var value: String

        /// The term `op:value`.
        public init(_ op: Operator, _ value: String) {
            self.op = op
            self.value = value
        }
    }

    /// The component the condition reads.
    public var target: Target
    /// The alternatives, any of which may hold, each a list of terms that must all hold; empty matches nothing.
    public var alternatives: [[Term]]

    /// A condition on `target`, as parsed from a query's `c[...]` parameter.
    public init(target: Target, alternatives: [[Term]]) {
        self.target = target
        self.alternatives = alternatives
    }

    /// Whether a value satisfies the condition. Values that both read as numbers are ordered as numbers,
    /// others as text; periods by the time they cover (`ge:2020` keeps periods starting on or after
    /// 2020-01-01, `le:2020` those ending by 2020-12-31, `lt`/`gt` those wholly before/after).
    public func matches(_ text: String) -> Bool {
        alternatives.contains { terms in terms.allSatisfy { holds($0, for: text) } }
    }

    private func holds(_ term: Term, for text: String) -> Bool {
        switch term.op {
        case .co: return text.contains(term.value)
        case .nc: return !text.contains(term.value)
        case .sw: return text.hasPrefix(term.value)
        case .ew: return text.hasSuffix(term.value)
        default: break
        }
        if target == .timePeriod, let mine = PeriodInterval(period: text),
            let theirs = PeriodInterval(period: term.value)
        {
            switch term.op {
            case .eq: return mine == theirs
            case .ne: return mine != theirs
            case .ge: return mine.start >= theirs.start
            case .gt: return mine.start >= theirs.end
            case .le: return mine.end <= theirs.end
            case .lt: return mine.end <= theirs.start
            default: return false
            }
        }
        let order: Int
        if let left = Double(text), let right = Double(term.value) {
            order = left < right ? -1 : (left > right ? 1 : 0)
        } else {
            order = text < term.value ? -1 : (text > term.value ? 1 : 0)
        }
        switch term.op {
        case .eq: return order == 0
        case .ne: return order != 0
        case .lt: return order < 0
        case .le: return order <= 0
        case .gt: return order > 0
        case .ge: return order >= 0
        default: return false
        }
    }
}
