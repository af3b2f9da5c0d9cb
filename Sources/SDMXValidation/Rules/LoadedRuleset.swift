import SDMXModel
import VTLRules

/// A ruleset from a loaded ruleset scheme, parsed, with the settings its annotations give:
/// `IDAC_TOLERANCE` (`relative;absolute`, e.g. `0.005;1`: totals may differ by 0.5 % or 1, whichever
/// is larger) and `IDAC_MODE` (the `check_hierarchy` mode: non_null, non_zero, partial_null,
/// partial_zero, always_null, always_zero; non_null when absent, as in VTL).
public struct LoadedRuleset: Sendable {
    /// The scheme the ruleset came from, as `AGENCY:ID(VERSION)`, for findings' messages.
    public var scheme: String
    /// The parsed ruleset.
    public var ruleset: VTLRuleset
    /// From `IDAC_TOLERANCE`; zero (exact) when absent.
    public var tolerance: Tolerance
    /// From `IDAC_MODE`; ``HierarchyMode/nonNull`` when absent.
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
    /// The share of the reference value (`0.005` is 0.5 %) two totals may differ by.
    public var relative: Double
    /// The amount, in the data's units, two totals may differ by; the larger of the two allowances holds.
    public var absolute: Double

    /// Makes a tolerance; the default allows no difference.
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
    /// Checked only when the total and every part are reported.
    case nonNull = "non_null"
    /// Checked when any of the total and parts is reported and not zero; missing ones count as zero.
    case nonZero = "non_zero"
    /// Checked when the total and at least one part are reported; missing parts are left out of the sum.
    case partialNull = "partial_null"
    /// Checked when the total and at least one part are reported; missing parts count as zero.
    case partialZero = "partial_zero"
    /// Checked as ``nonNull`` is: only when the total and every part are reported.
    case alwaysNull = "always_null"
    /// Always checked, missing values counting as zero; a total reported without any part is compared with zero.
    case alwaysZero = "always_zero"
}
