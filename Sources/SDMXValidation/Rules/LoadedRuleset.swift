import SDMXModel
import VTLRules

/// A ruleset from a loaded ruleset scheme, parsed, with the settings its annotations give:
/// `IDAC_TOLERANCE` (`relative;absolute`, e.g. `0.005;1`: totals may differ by 0.5 % or 1, whichever
/// is larger) and `IDAC_MODE` (the `check_hierarchy` mode: non_null, non_zero, partial_null,
/// partial_zero, always_null, always_zero; non_null when absent, as in VTL).
public struct LoadedRuleset: Sendable {
    public var scheme: String
    public var ruleset: VTLRuleset
    public var tolerance: Tolerance
    public var mode: HierarchyMode

    /// Parses every ruleset of every loaded scheme; a definition that does not parse is an error
    /// naming the scheme, the ruleset, the line and the token.
    public static func loadAll(from catalog: StructureCatalog) throws -> [LoadedRuleset] {
        var result: [LoadedRuleset] = []
        for scheme in catalog.rulesetSchemes.values.sorted(by: { $0.reference.description < $1.reference.description })
        {
            for ruleset in scheme.rulesets {
                let parsed: VTLRuleset
                do {
                    parsed = try VTLParser.parseRuleset(ruleset.definition, id: ruleset.id)
                } catch let error as VTLSyntaxError {
                    throw SDMXError(
                        .invalidStructure, "ruleset scheme \(scheme.reference) (\(scheme.info.source)): \(error)")
                }
                let annotation = { (type: String) in ruleset.annotations.first { $0.type == type }?.text }
                let mode = annotation("IDAC_MODE").map { $0.trimmingSpaces() } ?? "non_null"
                guard let hierarchyMode = HierarchyMode(rawValue: mode) else {
                    throw SDMXError(
                        .invalidStructure,
                        "ruleset \(ruleset.id) in \(scheme.reference): IDAC_MODE '\(mode)' is not a check_hierarchy mode"
                    )
                }
                result.append(
                    LoadedRuleset(
                        scheme: scheme.reference.description, ruleset: parsed,
                        tolerance: Tolerance(annotation("IDAC_TOLERANCE")), mode: hierarchyMode))
            }
        }
        return result
    }
}

/// How far apart two totals may be before a rule fails: agencies round.
public struct Tolerance: Sendable, Equatable {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 0, absolute: Double = 0) {
        self.relative = relative
        self.absolute = absolute
    }

    /// Reads `relative;absolute`; missing parts are 0.
    init(_ text: String?) {
        let parts = (text ?? "").split(separator: ";").map { Double($0.trimmingSpaces()) ?? 0 }
        self.init(relative: parts.first ?? 0, absolute: parts.count > 1 ? parts[1] : 0)
    }

    /// The allowed difference around a reference value.
    func allowance(for reference: Double) -> Double {
        max(relative * Swift.abs(reference), absolute) + 1e-9
    }
}

/// VTL's `check_hierarchy` modes: which data points a rule needs, and what a missing one counts as.
public enum HierarchyMode: String, Sendable {
    case nonNull = "non_null"
    case nonZero = "non_zero"
    case partialNull = "partial_null"
    case partialZero = "partial_zero"
    case alwaysNull = "always_null"
    case alwaysZero = "always_zero"
}
