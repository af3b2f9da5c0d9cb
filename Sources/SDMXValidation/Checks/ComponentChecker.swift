import SDMXModel

/// How one component's values are checked: against its code list, its text format, or not at all.
/// The payloads are classes, so that picking a checker per value costs a reference, not a copy of a
/// whole code list.
public enum ComponentChecker: Sendable {
    case codes(CodeSet)
    case text(TextFormatChecker)
    case unchecked

    public init(_ component: ResolvedComponent) {
        if let codelist = component.codelist {
            self = .codes(CodeSet(codelist))
        } else if let format = component.textFormat, !format.isUnconstrained {
            self = .text(TextFormatChecker(format: format))
        } else {
            self = .unchecked
        }
    }
}

/// A code list's codes as a set, shared by reference, with the list kept for suggestions and names.
public final class CodeSet: Sendable {
    public let codelist: Codelist
    private let codes: Set<String>

    public init(_ codelist: Codelist) {
        self.codelist = codelist
        codes = Set(codelist.codes.map(\.id))
    }

    public func contains(_ code: String) -> Bool { codes.contains(code) }
}
