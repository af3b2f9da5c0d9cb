/// A parsed `define datapoint ruleset` or `define hierarchical ruleset`.
public enum VTLRuleset: Sendable {
    case datapoint(DatapointRuleset)
    case hierarchical(HierarchicalRuleset)

    public var id: String {
        switch self {
        case .datapoint(let ruleset): ruleset.id
        case .hierarchical(let ruleset): ruleset.id
        }
    }
}

/// What a rule reports when it fails.
public struct VTLRuleOutcome: Sendable, Equatable {
    public var errorCode: String?
    public var errorLevel: Double?

    public init(errorCode: String? = nil, errorLevel: Double? = nil) {
        self.errorCode = errorCode
        self.errorLevel = errorLevel
    }
}

/// Rules checked on each data point: `[name:] [when condition then] check [errorcode] [errorlevel]`.
public struct DatapointRuleset: Sendable {
    public struct Variable: Sendable, Equatable {
        /// The component (variable scope) or value domain the signature names.
        public var name: String
        /// The name rules use for it.
        public var alias: String
    }

    public struct Rule: Sendable {
        public var name: String
        public var condition: VTLExpression?
        public var check: VTLExpression
        public var outcome: VTLRuleOutcome
    }

    public var id: String
    public var isValueDomainScope: Bool
    public var variables: [Variable]
    public var rules: [Rule]
}

/// Rules relating the codes of one variable: `[name:] [when c then] CODE op ±CODE[cond] ± …`.
public struct HierarchicalRuleset: Sendable {
    public struct Item: Sendable {
        public var code: String
        public var sign: Double
        public var condition: VTLExpression?
    }

    public struct Rule: Sendable {
        public var name: String
        public var condition: VTLExpression?
        public var code: String
        public var comparison: String
        public var items: [Item]
        public var outcome: VTLRuleOutcome
    }

    public var id: String
    public var isValueDomainScope: Bool
    /// The variable (or value domain) whose codes the rules relate.
    public var ruleVariable: String
    public var conditionVariables: [DatapointRuleset.Variable]
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
