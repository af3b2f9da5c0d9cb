import SDMXModel

/// How one component's values are checked: against its code list, its text format, or not at all.
/// The payloads are classes, so that picking a checker per value costs a reference, not a copy of a
/// whole code list.
public enum ComponentChecker: Sendable {
    /// A coded component: its values must be codes of this list.
    case codes(CodeSet)
    /// An uncoded component with a constraining text format: its values must fit it.
    case text(TextFormatChecker)
    /// Neither a code list nor a constraining format (any string, or the list is missing): every value passes.
    case unchecked

    /// `allowed` says which codes the constraints may admit: only those are suggested.
    public init(_ component: ResolvedComponent, allowed: @escaping @Sendable (String) -> Bool = { _ in true }) {
        if let codelist = component.codelist {
            self = .codes(CodeSet(codelist, allowed: allowed))
        } else if let format = component.textFormat, !format.isUnconstrained {
            self = .text(TextFormatChecker(format: format))
        } else {
            self = .unchecked
        }
    }
}

/// A code list's codes, shared by reference, with the list kept for suggestions and names. It looks
/// codes up in the list's own index: a copy as a set cost a second of hashing per dataset (and
/// tens of megabytes) for a list of a million codes.
public final class CodeSet: Sendable {
    /// The code list looked up, and read for the codes' names.
    public let codelist: Codelist
    private let suggester: CodeSuggestions

    /// Wraps a code list; `allowed` says which codes the constraints may admit, and only those are suggested.
    public init(_ codelist: Codelist, allowed: @escaping @Sendable (String) -> Bool = { _ in true }) {
        self.codelist = codelist
        suggester = CodeSuggestions(codelist, allowed: allowed)
    }

    /// Whether the list has this code (case matters).
    public func contains(_ code: String) -> Bool { codelist.contains(code) }

    /// The codes an invalid value most likely meant (``CodeSuggester``), from an index, once per value.
    public func suggestions(for value: String) -> [String] { suggester.suggestions(for: value) }
}
