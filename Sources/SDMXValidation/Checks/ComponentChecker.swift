import SDMXModel

/// How one component's values are checked: against its code list, its text format, or not at all.
public enum ComponentChecker: Sendable {
    case codes(Codelist)
    case text(TextFormatChecker)
    case unchecked

    public init(_ component: ResolvedComponent) {
        if let codelist = component.codelist {
            self = .codes(codelist)
        } else if let format = component.textFormat, !format.isUnconstrained {
            self = .text(TextFormatChecker(format: format))
        } else {
            self = .unchecked
        }
    }
}
