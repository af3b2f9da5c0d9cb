/// Splits VTL text into tokens: identifiers (plain, or quoted as `'_T'`), numbers, strings in double
/// quotes, operators, and skips `/* */` and `//` comments.
struct VTLLexer {
    let rulesetID: String

    func tokenize(_ text: String) throws -> [VTLToken] {
        let chars = Array(text.unicodeScalars)
        var tokens: [VTLToken] = []
        var index = 0, line = 1, lineStart = 0
        func column(_ at: Int) -> Int { at - lineStart + 1 }
        while index < chars.count {
            let c = chars[index]
            if c == "\n" {
                line += 1
                index += 1
                lineStart = index
                continue
            }
            if c == " " || c == "\t" || c == "\r" { index += 1; continue }
            if c == "/", index + 1 < chars.count, chars[index + 1] == "*" {
                index += 2
                while index + 1 < chars.count, !(chars[index] == "*" && chars[index + 1] == "/") {
                    if chars[index] == "\n" { line += 1; lineStart = index + 1 }
                    index += 1
                }
                index += 2
                continue
            }
            if c == "/", index + 1 < chars.count, chars[index + 1] == "/" {
                while index < chars.count, chars[index] != "\n" { index += 1 }
                continue
            }
            let start = index
            if c.properties.isAlphabetic || c == "_" {
                while index < chars.count,
                    chars[index].properties.isAlphabetic || chars[index].properties.numericType != nil
                        || chars[index] == "_"
                        || chars[index] == "." && index + 1 < chars.count && chars[index + 1].properties.isAlphabetic
                {
                    index += 1
                }
                tokens.append(
                    VTLToken(
                        kind: .identifier(String(String.UnicodeScalarView(chars[start..<index]))), line: line,
                        column: column(start)))
                continue
            }
            if c == "'" {
                index += 1
                while index < chars.count, chars[index] != "'" { index += 1 }
                guard index < chars.count else {
                    throw error("a quoted name opened here is never closed", line, column(start))
                }
                tokens.append(
                    VTLToken(
                        kind: .identifier(String(String.UnicodeScalarView(chars[(start + 1)..<index]))), line: line,
                        column: column(start)))
                index += 1
                continue
            }
            if c == "\"" {
                index += 1
                var value = String.UnicodeScalarView()
                while index < chars.count, chars[index] != "\"" {
                    value.append(chars[index])
                    index += 1
                }
                guard index < chars.count else {
                    throw error("a string opened here is never closed", line, column(start))
                }
                tokens.append(VTLToken(kind: .string(String(value)), line: line, column: column(start)))
                index += 1
                continue
            }
            if c.properties.numericType != nil, ("0"..."9").contains(c) {
                while index < chars.count, ("0"..."9").contains(chars[index]) || chars[index] == "." { index += 1 }
                if index < chars.count, chars[index] == "e" || chars[index] == "E" {
                    var look = index + 1
                    if look < chars.count, chars[look] == "+" || chars[look] == "-" { look += 1 }
                    if look < chars.count, ("0"..."9").contains(chars[look]) {
                        index = look
                        while index < chars.count, ("0"..."9").contains(chars[index]) { index += 1 }
                    }
                }
                let literal = String(String.UnicodeScalarView(chars[start..<index]))
                guard let value = Double(literal) else {
                    throw error("'\(literal)' is not a number", line, column(start))
                }
                tokens.append(VTLToken(kind: .number(value), line: line, column: column(start)))
                continue
            }
            let two = index + 1 < chars.count ? String(String.UnicodeScalarView([c, chars[index + 1]])) : ""
            if ["<>", "<=", ">=", "||", ":="].contains(two) {
                tokens.append(VTLToken(kind: .symbol(two), line: line, column: column(start)))
                index += 2
                continue
            }
            if "=<>+-*/(),;:[]{}#".unicodeScalars.contains(c) {
                tokens.append(VTLToken(kind: .symbol(String(c)), line: line, column: column(start)))
                index += 1
                continue
            }
            throw error("unexpected character '\(c)'", line, column(start))
        }
        tokens.append(VTLToken(kind: .end, line: line, column: column(index)))
        return tokens
    }

    private func error(_ message: String, _ line: Int, _ column: Int) -> VTLSyntaxError {
        VTLSyntaxError(rulesetID: rulesetID, line: line, column: column, token: "", message: message)
    }
}

/// A ruleset that does not parse: which one, where, at which token, and what was expected.
public struct VTLSyntaxError: Error, Sendable, CustomStringConvertible {
    /// The id of the ruleset whose definition failed.
    public var rulesetID: String
    /// The 1-based line within the ruleset's definition text (not the structure file).
    public var line: Int
    /// The 1-based column within that line, in Unicode scalars.
    public var column: Int
    /// The token where parsing stopped, as written; empty when the lexer failed between tokens.
    public var token: String
    /// What was expected or what is wrong.
    public var message: String

    /// `ruleset ID, line L column C of its definition, at 'TOKEN': message`, for the structure error that reports it.
    public var description: String {
        "ruleset \(rulesetID), line \(line) column \(column) of its definition\(token.isEmpty ? "" : ", at '\(token)'"): \(message)"
    }
}
