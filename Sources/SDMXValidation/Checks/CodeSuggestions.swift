import Foundation
import Synchronization
import SDMXModel

/// The suggestions for a code list's invalid values, each distinct value worked out once: the
/// index is built when the first invalid value comes (most files have none), and answers are kept
/// for the first 10 000 distinct values. Behind a mutex, since a code set is shared.
final class CodeSuggestions: Sendable {
    private let codelist: Codelist
    private let allowed: @Sendable (String) -> Bool
    /// The index, once built, and the answers so far.
    private let state = Mutex<State>(State())

    private struct State {
        var index: CodeSuggestionIndex?
        /// By the value's bytes: text compares canonically (a Kelvin sign equals K), suggestions do not.
        var answers: [[UInt8]: [String]] = [:]
    }

    /// Values longer than this (bytes) get no suggestion: SDMX codes are identifiers of a few dozen
    /// characters at most.
    static let longestSuggestible = 256

    init(_ codelist: Codelist, allowed: @escaping @Sendable (String) -> Bool) {
        self.codelist = codelist
        self.allowed = allowed
    }

    func suggestions(for value: String) -> [String] {
        // A value far longer than any code is within no edit distance of one, and is not kept: a hostile
        // file's megabyte-long values would otherwise cost a scan each and stay in the answers.
        guard value.utf8.count <= Self.longestSuggestible else { return [] }
        let key = Array(value.utf8)
        return state.withLock { state in
            if let known = state.answers[key] { return known }
            let index = state.index ?? CodeSuggestionIndex(codelist)
            state.index = index
            let found = index.suggestions(for: value, allowed: allowed)
            if state.answers.count < 10_000 { state.answers[key] = found }
            return found
        }
    }
}
