import SDMXModel

/// How one component's values are checked: against its code list, its text format, or not at all.
/// The payloads are classes, so that picking a checker per value costs a reference, not a copy of a
/// whole code list.
public enum ComponentChecker: Sendable {
    case codes(CodeSet)
    case text(TextFormatChecker)
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
    public let codelist: Codelist
    private let suggester: CodeSuggestions

    public init(_ codelist: Codelist, allowed: @escaping @Sendable (String) -> Bool = { _ in true }) {
        self.codelist = codelist
        suggester = CodeSuggestions(codelist, allowed: allowed)
    }

    public func contains(_ code: String) -> Bool { codelist.contains(code) }

    /// The codes an invalid value most likely meant (``CodeSuggester``), from an index, once per value.
    public func suggestions(for value: String) -> [String] { suggester.suggestions(for: value) }
}
