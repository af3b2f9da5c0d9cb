import Foundation
import TestSupport
import Testing
import VTLRules

@Suite struct VTLParserTests {
    @Test func parsesADatapointRuleset() throws {
        let ruleset = try VTLParser.parseRuleset(
            """
            define datapoint ruleset DPR (variable OBS_VALUE as V, OBS_STATUS) is
              NON_NEGATIVE: V >= 0 errorcode "NEG" errorlevel 1;
              when isnull(V) then OBS_STATUS in {"L", "M"} errorcode "MISSING"
            end datapoint ruleset;
            """, id: "DPR")
        guard case .datapoint(let datapoint) = ruleset else {
            Issue.record("a datapoint ruleset")
            return
        }
        #expect(datapoint.variables.map(\.alias) == ["V", "OBS_STATUS"])
        #expect(datapoint.rules.map(\.name) == ["NON_NEGATIVE", "DPR_2"])
        #expect(datapoint.rules[0].outcome == VTLRuleOutcome(errorCode: "NEG", errorLevel: 1))
        #expect(datapoint.rules[1].condition == .call("isnull", [.variable("V")]))
    }

    @Test func parsesAHierarchicalRulesetWithQuotedCodesAndConditions() throws {
        let ruleset = try VTLParser.parseRuleset(
            """
            define hierarchical ruleset HR (valuedomain condition TIME as T rule GEO) is
              TOTAL: '_T' = 'F' + M - X [T >= 2000] errorcode "SUM";
              '_T' >= UNACC + SEP
            end hierarchical ruleset
            """, id: "HR")
        guard case .hierarchical(let hierarchical) = ruleset else {
            Issue.record("a hierarchical ruleset")
            return
        }
        #expect(hierarchical.ruleVariable == "GEO")
        #expect(hierarchical.conditionVariables.map(\.alias) == ["T"])
        #expect(hierarchical.rules[0].items.map(\.code) == ["F", "M", "X"])
        #expect(hierarchical.rules[0].items.map(\.sign) == [1, 1, -1])
        #expect(hierarchical.rules[0].items[2].condition != nil)
        #expect(hierarchical.rules[1].comparison == ">=")
        #expect(hierarchical.codes == ["_T", "F", "M", "X", "UNACC", "SEP"])
    }

    @Test(.requires(.corpus)) func corpusSamplesParse() throws {
        for file in [
            "sdmx-test-data/v21/xml/VTL/VTL_Sample_1.xml", "sdmx-test-data/v21/xml/VTL/VTL_Sample_2.xml",
            "sdmx-test-data/v21/xml/VTL/VTL_Sample_3.xml",
        ] {
            let text = try String(contentsOfFile: TestPaths.corpus(file), encoding: .utf8)
            // The definitions, unescaped, between RulesetDefinition tags.
            let parts = text.components(separatedBy: "<str:RulesetDefinition>").dropFirst()
            for part in parts {
                let definition = part.components(separatedBy: "</str:RulesetDefinition>")[0]
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&amp;", with: "&")
                _ = try VTLParser.parseRuleset(definition, id: file)
            }
        }
    }

    @Test func syntaxErrorsNameTheRulesetLineAndToken() {
        do {
            _ = try VTLParser.parseRuleset(
                "define datapoint ruleset X (variable A) is\n  R1: A >= errorcode \"E\"\nend datapoint ruleset", id: "X"
            )
            Issue.record("a rule without its right-hand side must fail")
        } catch let error as VTLSyntaxError {
            #expect(error.rulesetID == "X")
            #expect(error.line == 2)
            #expect(error.token == "errorcode")
            #expect(error.description.contains("ruleset X, line 2"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    func syntaxError(_ check: String) -> VTLSyntaxError? {
        do {
            _ = try VTLParser.parseRuleset(
                "define datapoint ruleset X (variable A) is\n  R1: \(check)\nend datapoint ruleset", id: "X")
            return nil
        } catch {
            return error as? VTLSyntaxError
        }
    }

    /// Deep nesting and long chains would take a stack frame (or a level of the tree, compiled and
    /// freed recursively) each: past the bounds they are syntax errors where they cross them.
    @Test func hostileNestingAndChainsAreSyntaxErrors() throws {
        let n = 100_000
        let shapes: [(String, String)] = [
            (String(repeating: "(", count: 10_000) + "A" + String(repeating: ")", count: 10_000) + " > 0", "nested"),
            (String(repeating: "(", count: n), "nested"),
            (String(repeating: "abs(", count: n) + "A" + String(repeating: ")", count: n) + " > 0", "nested"),
            (String(repeating: "not ", count: n) + "A", "nested"),
            (String(repeating: "- ", count: n) + "A > 0", "nested"),
            (String(repeating: "if A then ", count: n) + "A", "nested"),
            (Array(repeating: "A", count: n).joined(separator: " + ") + " > 0", "operators"),
            (Array(repeating: "A", count: n).joined(separator: " || ") + " = \"x\"", "operators"),
            (Array(repeating: "A > 0", count: n).joined(separator: " and "), "operators"),
        ]
        for (check, word) in shapes {
            let error = try #require(syntaxError(check), "\(check.prefix(20))… must be refused")
            #expect(error.rulesetID == "X" && error.line == 2 && error.column > 4, "\(error)")
            #expect(error.message.contains(word), "\(error)")
        }
    }

    /// Honest depths and lengths, up to the bounds, parse, compile and evaluate.
    @Test func nestingAndChainsUpToTheBoundsParse() throws {
        let depth = VTLParser.maxNesting - 1
        let nested = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(VTLEvaluator { _ in .null }.evaluate(try VTLParser.parseExpression(nested)) == .number(1))
        let sum = Array(repeating: "1", count: VTLParser.maxOperators + 1).joined(separator: " + ")
        let value = VTLEvaluator { _ in .null }.evaluate(try VTLParser.parseExpression(sum))
        #expect(value == .number(Double(VTLParser.maxOperators + 1)))
        #expect(throws: VTLSyntaxError.self) { try VTLParser.parseExpression(sum + " + 1") }
    }
}

@Suite struct VTLEvaluatorTests {
    func evaluate(_ text: String, _ variables: [String: VTLValue] = [:]) throws -> VTLValue {
        VTLEvaluator { variables[$0] ?? .null }.evaluate(try VTLParser.parseExpression(text))
    }

    @Test func arithmeticAndComparisons() throws {
        #expect(try evaluate("1 + 2 * 3") == .number(7))
        #expect(try evaluate("(1 + 2) * 3 >= 9") == .boolean(true))
        #expect(try evaluate("-4 < abs(-3)") == .boolean(true))
        #expect(try evaluate("round(2.5, 0) = 3") == .boolean(true))
        #expect(try evaluate("V = round(V, 0)", ["V": .number(12.5)]) == .boolean(false))
        #expect(try evaluate("if V > 1 then \"big\" else \"small\"", ["V": .number(2)]) == .string("big"))
        #expect(try evaluate("between(V, 1, 10)", ["V": .number(10)]) == .boolean(true))
        #expect(try evaluate("match_characters(C, \"[A-Z]{3}\")", ["C": .string("KEN")]) == .boolean(true))
        #expect(try evaluate("U = \"0\"", ["U": .string("0")]) == .boolean(true))
    }

    @Test func nullPropagatesExceptWhereItMustNot() throws {
        #expect(try evaluate("V >= 0") == .null)
        #expect(try evaluate("isnull(V)") == .boolean(true))
        #expect(try evaluate("not isnull(V) and V > 0", ["V": .number(1)]) == .boolean(true))
        #expect(try evaluate("V > 0 or true") == .boolean(true))
        #expect(try evaluate("V > 0 and false") == .boolean(false))
        #expect(try evaluate("S in {\"L\", \"M\"}", ["S": .string("M")]) == .boolean(true))
        #expect(try evaluate("S not_in {\"L\", \"M\"}", ["S": .string("A")]) == .boolean(true))
        #expect(try evaluate("nvl(V, 5)") == .number(5))
    }
}

/// Programs of one operation (and one compared with a function's result) take a shortcut past the
/// stack machine: they must give what the stack machine gives, null and strings included.
@Suite struct VTLShortcutTests {
    func value(_ text: String, _ variables: [String: VTLValue]) throws -> VTLValue {
        VTLEvaluator { variables[$0] ?? .null }.evaluate(try VTLParser.parseExpression(text))
    }

    @Test func shortcutsGiveWhatTheStackMachineGives() throws {
        let samples: [VTLValue] = [
            .null, .number(0), .number(-3), .number(2.5), .number(100), .number(100.4), .number(1), .number(-0.45),
            .string("PS"), .string(""), .string("2"), .boolean(true),
        ]
        let expressions = [
            "X = round(X, 0)", "X <= round(Y, 0)", "X = abs(Y)", "X > floor(Y)", "X = nvl(Y, 0)", "X = trunc(Y, 0)",
            "X >= 0", "X <= 100", "Y <> \"PS\"", "isnull(X)", "X = Y", "X || Y = \"PS\"",
            // numbers on both sides are computed directly: round's digits from a variable too
            "X = round(X, Y)", "X < trunc(X, Y)", "X <> Y", "X > 2.5", "Y <= round(X, 1)",
        ]
        for expression in expressions {
            for x in samples {
                for y in samples {
                    let variables = ["X": x, "Y": y]
                    // `and true` keeps the value (a boolean, or null) and makes a program no shortcut fits.
                    let direct = try value(expression, variables)
                    let long = try value("(\(expression)) and true", variables)
                    let same: Bool =
                        switch (direct, long) {
                        case (.boolean(let a), .boolean(let b)): a == b
                        case (.null, .null): true
                        default: false
                        }
                    #expect(same, "\(expression) with X=\(x), Y=\(y): \(direct) against \(long)")
                }
            }
        }
    }

    /// A program's numeric test, where it decides, gives the evaluator's boolean.
    @Test func numericTestsGiveWhatTheEvaluatorGives() throws {
        let samples: [VTLValue] = [
            .null, .number(0), .number(-3), .number(2.5), .number(100), .number(100.4), .number(1), .number(-0.45),
            .string("2"), .boolean(true),
        ]
        let expressions = [
            "X = round(X, 0)", "X <= round(Y, 0)", "X = trunc(Y, 0)", "X >= 0", "X <= 100", "isnull(X)", "X = Y",
            "X = round(X, Y)", "X < trunc(X, Y)", "X <> Y", "X > 2.5", "2.5 < X", "Y <= round(X, 1)",
        ]
        var decided = 0
        for expression in expressions {
            let program = VTLProgram(try VTLParser.parseExpression(expression)) { ["X": 0, "Y": 1][$0] }
            let test = try #require(program.numericTest, "\(expression) is a numeric test")
            for x in samples {
                for y in samples {
                    let values = [x, y]
                    guard let fast = values.withUnsafeBufferPointer({ test.evaluate($0) }) else { continue }
                    decided += 1
                    #expect(
                        VTLEvaluator.evaluate(program, values: values) == .boolean(fast),
                        "\(expression) with X=\(x), Y=\(y)")
                }
            }
        }
        #expect(decided > 300, "most samples are numbers")
        #expect(
            VTLProgram(try VTLParser.parseExpression("X + 1")) { _ in 0 }.numericTest == nil, "arithmetic is no test")
    }
}
