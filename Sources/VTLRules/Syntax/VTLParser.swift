/// Parses the VTL 2.0 ruleset definitions SDMX carries in `RulesetDefinition` (datapoint and
/// hierarchical rulesets), with the expressions their rules use.
///
/// Rulesets come from structure files, which are untrusted: the parser recurses once per level of
/// nesting and each operator of a chain adds a level to the tree (which is compiled and freed
/// recursively), so both are bounded and a definition past either bound is a syntax error where it
/// crosses it, not a stack overflow.
public struct VTLParser {
    /// The most parentheses, function calls, `if`, `not` and signs one inside another.
    public static let maxNesting = 64
    /// The most binary operators (`+`, `||`, `and`, `=`, …) in one rule.
    public static let maxOperators = 1000

    private let rulesetID: String
    private var tokens: [VTLToken] = []
    private var position = 0
    /// How deep the expression being read is nested now.
    private var nesting = 0
    /// Binary operators read so far in the current rule.
    private var operators = 0

    /// Makes a parser whose errors name `rulesetID`; `parseRuleset(_:id:)` is the way in.
    public init(rulesetID: String) {
        self.rulesetID = rulesetID
    }

    /// Parses one `define … ruleset … end … ruleset` definition.
    public static func parseRuleset(_ text: String, id: String) throws -> VTLRuleset {
        var parser = VTLParser(rulesetID: id)
        parser.tokens = try VTLLexer(rulesetID: id).tokenize(text)
        return try parser.ruleset()
    }

    /// Parses a lone expression (tests, conditions given elsewhere).
    public static func parseExpression(_ text: String) throws -> VTLExpression {
        var parser = VTLParser(rulesetID: "expression")
        parser.tokens = try VTLLexer(rulesetID: "expression").tokenize(text)
        let expression = try parser.expression()
        try parser.expectEnd()
        return expression
    }

    // MARK: Tokens

    private var current: VTLToken { tokens[min(position, tokens.count - 1)] }

    private mutating func advance() -> VTLToken {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func failure(_ message: String) -> VTLSyntaxError {
        VTLSyntaxError(
            rulesetID: rulesetID, line: current.line, column: current.column, token: current.text, message: message)
    }

    private mutating func keyword(_ word: String) -> Bool {
        guard current.isKeyword(word) else { return false }
        _ = advance()
        return true
    }

    private mutating func expectKeyword(_ word: String) throws {
        guard keyword(word) else { throw failure("expected '\(word)'") }
    }

    private mutating func symbol(_ text: String) -> Bool {
        guard current.isSymbol(text) else { return false }
        _ = advance()
        return true
    }

    private mutating func expectSymbol(_ text: String) throws {
        guard symbol(text) else { throw failure("expected '\(text)'") }
    }

    private mutating func name() throws -> String {
        guard case .identifier(let name) = current.kind else { throw failure("expected a name") }
        _ = advance()
        return name
    }

    private mutating func expectEnd() throws {
        guard current.kind == .end else { throw failure("unexpected text after the end") }
    }

    // MARK: Rulesets

    private mutating func ruleset() throws -> VTLRuleset {
        try expectKeyword("define")
        if keyword("datapoint") {
            try expectKeyword("ruleset")
            let id = try name()
            try expectSymbol("(")
            let valueDomain = try scope()
            let variables = try signature()
            try expectSymbol(")")
            try expectKeyword("is")
            var rules: [DatapointRuleset.Rule] = []
            repeat {
                if current.isKeyword("end") { break }
                rules.append(try datapointRule(number: rules.count + 1))
            } while symbol(";")
            try expectKeyword("end")
            try expectKeyword("datapoint")
            try expectKeyword("ruleset")
            _ = symbol(";")
            try expectEnd()
            return .datapoint(
                DatapointRuleset(id: id, isValueDomainScope: valueDomain, variables: variables, rules: rules))
        }
        if keyword("hierarchical") {
            try expectKeyword("ruleset")
            let id = try name()
            try expectSymbol("(")
            let valueDomain = try scope()
            var conditions: [DatapointRuleset.Variable] = []
            if keyword("condition") { conditions = try signature() }
            try expectKeyword("rule")
            let ruleVariable = try name()
            try expectSymbol(")")
            _ = keyword("is")  // required by VTL 2.0, left out by some published samples
            var rules: [HierarchicalRuleset.Rule] = []
            repeat {
                if current.isKeyword("end") { break }
                rules.append(try hierarchicalRule(number: rules.count + 1))
            } while symbol(";")
            try expectKeyword("end")
            try expectKeyword("hierarchical")
            try expectKeyword("ruleset")
            _ = symbol(";")
            try expectEnd()
            return .hierarchical(
                HierarchicalRuleset(
                    id: id, isValueDomainScope: valueDomain, ruleVariable: ruleVariable,
                    conditionVariables: conditions, rules: rules))
        }
        throw failure("expected 'datapoint' or 'hierarchical'")
    }

    private mutating func scope() throws -> Bool {
        if keyword("valuedomain") { return true }
        if keyword("variable") { return false }
        throw failure("expected 'variable' or 'valuedomain'")
    }

    private mutating func signature() throws -> [DatapointRuleset.Variable] {
        var variables: [DatapointRuleset.Variable] = []
        repeat {
            let variable = try name()
            let alias = keyword("as") ? try name() : variable
            variables.append(DatapointRuleset.Variable(name: variable, alias: alias))
        } while symbol(",")
        return variables
    }

    /// `name :` before a rule, when the next two tokens are a name and a colon.
    private mutating func ruleName(number: Int) -> String {
        if case .identifier(let name) = current.kind, position + 1 < tokens.count, tokens[position + 1].isSymbol(":") {
            position += 2
            return name
        }
        return "\(rulesetID)_\(number)"
    }

    private mutating func outcome() throws -> VTLRuleOutcome {
        var outcome = VTLRuleOutcome()
        if keyword("errorcode") {
            guard case .string(let code) = advance().kind else { throw failure("errorcode takes a string") }
            outcome.errorCode = code
        }
        if keyword("errorlevel") {
            let negative = symbol("-")
            guard case .number(let level) = advance().kind else { throw failure("errorlevel takes a number") }
            outcome.errorLevel = negative ? -level : level
        }
        return outcome
    }

    private mutating func datapointRule(number: Int) throws -> DatapointRuleset.Rule {
        operators = 0
        let name = ruleName(number: number)
        var condition: VTLExpression?
        if keyword("when") {
            condition = try expression()
            try expectKeyword("then")
        }
        let check = try expression()
        return DatapointRuleset.Rule(name: name, condition: condition, check: check, outcome: try outcome())
    }

    private mutating func hierarchicalRule(number: Int) throws -> HierarchicalRuleset.Rule {
        operators = 0
        let name = ruleName(number: number)
        var condition: VTLExpression?
        if keyword("when") {
            condition = try expression()
            try expectKeyword("then")
        }
        let code = try self.name()
        guard case .symbol(let comparison) = current.kind, ["=", "<>", "<", "<=", ">", ">="].contains(comparison) else {
            throw failure("expected a comparison (=, <, <=, >, >=) after the code \(code)")
        }
        _ = advance()
        var items: [HierarchicalRuleset.Item] = []
        var sign = 1.0
        if symbol("-") { sign = -1 } else { _ = symbol("+") }
        while true {
            let itemCode = try self.name()
            var itemCondition: VTLExpression?
            if symbol("[") {
                itemCondition = try expression()
                try expectSymbol("]")
            }
            items.append(HierarchicalRuleset.Item(code: itemCode, sign: sign, condition: itemCondition))
            if symbol("+") { sign = 1 } else if symbol("-") { sign = -1 } else { break }
        }
        return HierarchicalRuleset.Rule(
            name: name, condition: condition, code: code, comparison: comparison,
            items: items, outcome: try outcome())
    }

    // MARK: Bounds

    /// Enters one more level of nesting; the caller leaves it with `nesting -= 1`.
    private mutating func enter() throws {
        guard nesting < Self.maxNesting else {
            throw failure("expressions nested more than \(Self.maxNesting) deep (parentheses, calls, if, not, signs)")
        }
        nesting += 1
    }

    /// Counts a binary operator of the current rule.
    private mutating func link() throws {
        guard operators < Self.maxOperators else {
            throw failure("more than \(Self.maxOperators) operators in one rule")
        }
        operators += 1
    }

    // MARK: Expressions, loosest binding first

    mutating func expression() throws -> VTLExpression {
        try enter()
        defer { nesting -= 1 }
        if keyword("if") {
            let condition = try expression()
            try expectKeyword("then")
            let then = try expression()
            try expectKeyword("else")
            return .conditional(condition, then, try expression())
        }
        return try disjunction()
    }

    private mutating func disjunction() throws -> VTLExpression {
        var left = try conjunction()
        while true {
            if keyword("or") {
                try link(); left = .binary("or", left, try conjunction())
            } else if keyword("xor") {
                try link(); left = .binary("xor", left, try conjunction())
            } else {
                return left
            }
        }
    }

    private mutating func conjunction() throws -> VTLExpression {
        var left = try negation()
        while keyword("and") {
            try link()
            left = .binary("and", left, try negation())
        }
        return left
    }

    private mutating func negation() throws -> VTLExpression {
        if keyword("not") {
            try enter()
            defer { nesting -= 1 }
            return .unary("not", try negation())
        }
        return try comparison()
    }

    private mutating func comparison() throws -> VTLExpression {
        let left = try concatenation()
        if case .symbol(let op) = current.kind, ["=", "<>", "<", "<=", ">", ">="].contains(op) {
            _ = advance()
            try link()
            return .binary(op, left, try concatenation())
        }
        if keyword("in") { return .membership(left, try valueSet(), negated: false) }
        if keyword("not_in") { return .membership(left, try valueSet(), negated: true) }
        return left
    }

    private mutating func valueSet() throws -> [VTLExpression] {
        try expectSymbol("{")
        var values: [VTLExpression] = []
        repeat { values.append(try concatenation()) } while symbol(",")
        try expectSymbol("}")
        return values
    }

    private mutating func concatenation() throws -> VTLExpression {
        var left = try additive()
        while symbol("||") {
            try link()
            left = .binary("||", left, try additive())
        }
        return left
    }

    private mutating func additive() throws -> VTLExpression {
        var left = try multiplicative()
        while true {
            if symbol("+") {
                try link(); left = .binary("+", left, try multiplicative())
            } else if symbol("-") {
                try link(); left = .binary("-", left, try multiplicative())
            } else {
                return left
            }
        }
    }

    private mutating func multiplicative() throws -> VTLExpression {
        var left = try unary()
        while true {
            if symbol("*") {
                try link(); left = .binary("*", left, try unary())
            } else if symbol("/") {
                try link(); left = .binary("/", left, try unary())
            } else {
                return left
            }
        }
    }

    private mutating func unary() throws -> VTLExpression {
        guard current.isSymbol("-") || current.isSymbol("+") else { return try primary() }
        try enter()
        defer { nesting -= 1 }
        if symbol("-") { return .unary("-", try unary()) }
        _ = symbol("+")
        return try unary()
    }

    private static let reserved: Set<String> = [
        "errorcode", "errorlevel", "when", "then", "else", "end", "is", "and", "or", "xor", "not", "in", "not_in",
        "define", "ruleset",
    ]

    private static let functions: Set<String> = [
        "isnull", "abs", "round", "trunc", "ceil", "floor", "nvl", "length", "match_characters", "upper", "lower",
        "ln", "exp", "power", "sqrt", "mod", "substr", "trim", "ltrim", "rtrim", "instr", "between",
    ]

    private mutating func primary() throws -> VTLExpression {
        let token = advance()
        switch token.kind {
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .symbol("("):
            let inner = try expression()
            try expectSymbol(")")
            return inner
        case .identifier(let name):
            let lower = name.lowercased()
            if Self.reserved.contains(lower) {
                position -= 1
                throw failure("expected a value or a name, not the keyword '\(name)'")
            }
            if lower == "true" { return .boolean(true) }
            if lower == "false" { return .boolean(false) }
            if lower == "null" { return .null }
            if Self.functions.contains(lower), symbol("(") {
                var arguments: [VTLExpression] = []
                if !current.isSymbol(")") {
                    repeat { arguments.append(try expression()) } while symbol(",")
                }
                try expectSymbol(")")
                if lower == "between" {
                    guard arguments.count == 3 else { throw failure("between takes three operands") }
                    return .between(arguments[0], arguments[1], arguments[2])
                }
                return .call(lower, arguments)
            }
            return .variable(name)
        default:
            position -= 1
            throw failure("expected a value, a name or '('")
        }
    }
}
