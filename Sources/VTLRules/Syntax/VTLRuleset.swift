/// A parsed `define datapoint ruleset` or `define hierarchical ruleset`.
public enum VTLRuleset: Sendable {
    /// A datapoint ruleset: conditions checked on each observation.
    case datapoint(DatapointRuleset)
    /// A hierarchical ruleset: a code's value checked against a sum of other codes' values.
    case hierarchical(HierarchicalRuleset)

    /// The ruleset's name after `define … ruleset`, as findings name it.
    public var id: String {
        switch self {
        case .datapoint(let ruleset): ruleset.id
        case .hierarchical(let ruleset): ruleset.id
        }
    }
}

/// What a rule reports when it fails.
public struct VTLRuleOutcome: Sendable, Equatable {
    /// The rule's `errorcode` string, added to its findings' messages; nil when not given.
    public var errorCode: String?
    /// The rule's `errorlevel` number (sign kept); read, not used to grade findings.
    public var errorLevel: Double?

    /// Makes an outcome; both parts are optional, as in VTL.
    public init(errorCode: String? = nil, errorLevel: Double? = nil) {
        self.errorCode = errorCode
        self.errorLevel = errorLevel
    }
}

/// Rules checked on each data point: `[name:] [when condition then] check [errorcode] [errorlevel]`.
public struct DatapointRuleset: Sendable {
    /// A variable of the ruleset's signature (`OBS_VALUE as V`).
    public struct Variable: Sendable, Equatable {
        /// The component (variable scope) or value domain the signature names.
        public var name: String
        /// The name rules use for it.
        public var alias: String
    }

    /// One rule: it fails only when its condition holds and its check is false (null passes).
    public struct Rule: Sendable {
        /// The rule's name before `:`; `RULESETID_N` (its 1-based number) when it has none.
        public var name: String
        /// The `when … then` condition; nil when the rule always applies.
        public var condition: VTLExpression?
        /// The expression that must not be false.
        public var check: VTLExpression
        /// What the rule reports when it fails.
        public var outcome: VTLRuleOutcome
    }

    /// The ruleset's name after `define datapoint ruleset`.
    public var id: String
    /// Whether the signature names value domains (`valuedomain`) rather than components (`variable`).
    public var isValueDomainScope: Bool
    /// The signature's variables, in the order written.
    public var variables: [Variable]
    /// The rules, in the order written.
    public var rules: [Rule]
}

/// Rules relating the codes of one variable: `[name:] [when c then] CODE op ±CODE[cond] ± …`.
public struct HierarchicalRuleset: Sendable {
    /// One term of a rule's right-hand side: a code, its sign, and a condition on it.
    public struct Item: Sendable {
        /// The code whose value is added (or subtracted).
        public var code: String
        /// `1` to add the code's value, `-1` to subtract it.
        public var sign: Double
        /// The `[condition]` after the code: the term counts only where it holds; nil when it always counts.
        public var condition: VTLExpression?
    }

    /// One rule, `CODE op ±CODE ± …`: the first code's value compared with the signed sum of the others'.
    public struct Rule: Sendable {
        /// The rule's name before `:`; `RULESETID_N` (its 1-based number) when it has none.
        public var name: String
        /// The `when … then` condition; nil when the rule always applies.
        public var condition: VTLExpression?
        /// The code whose value is the total (left of the comparison).
        public var code: String
        /// The comparison as written: `=`, `<>`, `<`, `<=`, `>` or `>=`.
        public var comparison: String
        /// The terms summed on the right, in the order written.
        public var items: [Item]
        /// What the rule reports when it fails.
        public var outcome: VTLRuleOutcome
    }

    /// The ruleset's name after `define hierarchical ruleset`.
    public var id: String
    /// Whether the signature names a value domain (`valuedomain`) rather than a component (`variable`).
    public var isValueDomainScope: Bool
    /// The variable (or value domain) whose codes the rules relate.
    public var ruleVariable: String
    /// The variables of the signature's `condition` part, which rules' conditions may use; empty when none.
    public var conditionVariables: [DatapointRuleset.Variable]
    /// The rules, in the order written.
    public var rules: [Rule]

    /// Every code the rules mention.
    public var codes: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for rule in rules {
            for code in [rule.code] + rule.items.map(\.code) where seen.insert(code).inserted { result.append(code) }
        }
        return result
    }
}
