import SDMXInput
import SDMXJSON
import SDMXModel
import Testing

/// Collects tokens as text, for comparing.
final class TokenLog: JSONTokenHandler {
    var tokens: [String] = []
    var positions: [String] = []

    func token(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        tokens.append(text.isEmpty ? "\(kind)" : "\(kind):\(text)")
        positions.append("\(line):\(column)")
    }
}

@Suite struct JSONTokenizerTests {
    func tokenize(_ text: String, chunk: Int = 1 << 16, limits: JSONLimits = .default) throws -> TokenLog {
        let log = TokenLog()
        try JSONTokenizer(file: "t.json", limits: limits, handler: log)
            .tokenize(MemorySource(bytes: Array(text.utf8), name: "t.json", chunkSize: chunk))
        return log
    }

    func failure(_ text: String, limits: JSONLimits = .default) -> SDMXError? {
        do {
            _ = try tokenize(text, chunk: 3, limits: limits)
            return nil
        } catch let error as SDMXError {
            return error
        } catch {
            return nil
        }
    }

    /// Every chunk size gives the same tokens and positions: strings, escapes and numbers split anywhere.
    @Test func tokensAndPositionsAreTheSameWhateverTheChunkSize() throws {
        let text =
            "\u{FEFF}{\"a\": [1, -2.5e3, \"x\\\"y\\u00e9\\ud83d\\ude00\"],\n \"b\":{\"c\": true, \"d\":null},\"e\":false}"
        let whole = try tokenize(text)
        #expect(
            whole.tokens == [
                "beginObject", "key:a", "beginArray", "number:1", "number:-2.5e3", "string:x\"yé😀", "endArray",
                "key:b", "beginObject", "key:c", "trueValue:true", "key:d", "null:null", "endObject", "key:e",
                "falseValue:false", "endObject",
            ])
        #expect(whole.positions[7] == "2:2")
        for size in [1, 2, 3, 5, 7] {
            let split = try tokenize(text, chunk: size)
            #expect(split.tokens == whole.tokens && split.positions == whole.positions, "chunks of \(size)")
        }
    }

    @Test func malformedJSONIsRefusedWithItsLineAndColumn() {
        let cases: [(String, String, Int, Int)] = [
            ("{\"a\" 1}", "':' belongs", 1, 6),
            ("{\"a\":1,}", "unexpected '}'", 1, 8),
            ("[1 2]", "',' or a closing bracket", 1, 4),
            ("{\"a\":1]", "unexpected ']'", 1, 7),
            ("{\n\"a\":tru}", "not a JSON value", 2, 5),
            ("[01]", "not a JSON number", 1, 2),
            ("[\"a\nb\"]", "line break inside a string", 1, 4),
            ("[\"\\x\"]", "unknown escape", 1, 4),
            ("{\"a\":1", "unclosed", 1, 7),
            ("[\"abc", "never closed", 1, 2),
            ("", "empty", 1, 1),
            ("{} {}", "after the end", 1, 4),
            ("{'a':1}", "key", 1, 2),
        ]
        for (text, words, line, column) in cases {
            let error = failure(text)
            #expect(error?.code == .malformedInput, "\(text)")
            #expect(error?.message.contains(words) == true, "\(text): \(error?.message ?? "no error")")
            #expect(
                error?.location?.line == line && error?.location?.column == column,
                "\(text): \(error?.location?.description ?? "")")
        }
    }

    @Test func boundsOnDepthStringsAndNumbersAreErrorsNotCrashes() {
        let limits = JSONLimits(maxDepth: 10, maxStringBytes: 8, maxNumberBytes: 5)
        let deep = String(repeating: "[", count: 11) + String(repeating: "]", count: 11)
        #expect(failure(deep, limits: limits)?.code == .limitExceeded)
        #expect(failure(String(repeating: "[", count: 10) + String(repeating: "]", count: 10), limits: limits) == nil)
        #expect(failure("[\"123456789\"]", limits: limits)?.code == .limitExceeded)
        #expect(failure("[\"12345678\"]", limits: limits) == nil)
        #expect(failure("[123456]", limits: limits)?.code == .limitExceeded)
        // A million open brackets: refused at the bound, no recursion, no hang.
        #expect(failure(String(repeating: "[", count: 1_000_000))?.code == .limitExceeded)
    }
}
