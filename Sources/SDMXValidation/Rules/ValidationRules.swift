import SDMXModel

/// Every consistency rule the loaded structures publish: VTL rulesets, and the temporal rules set
/// by ruleset-scheme annotations. Loaded once per run; applied to each dataset whose structure has
/// the components a rule names.
public struct ValidationRules: Sendable {
    /// The VTL rulesets, parsed, with their settings.
    public var rulesets: [LoadedRuleset]
    /// The quarters-against-year rules, one per scheme that sets `IDAC_FLOWS` or `IDAC_STOCKS`.
    public var temporal: [TemporalRule]

    /// Makes a set of rules; none by default, so that data are checked against their structure alone.
    public init(rulesets: [LoadedRuleset] = [], temporal: [TemporalRule] = []) {
        self.rulesets = rulesets
        self.temporal = temporal
    }

    /// Reads every rule the catalog's ruleset schemes publish; a ruleset that does not parse is an error naming the
    /// scheme, the ruleset and where.
    public static func load(from catalog: StructureCatalog) throws -> ValidationRules {
        ValidationRules(
            rulesets: try LoadedRuleset.loadAll(from: catalog),
            temporal: catalog.rulesetSchemes.values.sorted { $0.reference.description < $1.reference.description }
                .compactMap(TemporalRule.init(scheme:)))
    }

    /// Whether there is no rule to apply.
    public var isEmpty: Bool { rulesets.isEmpty && temporal.isEmpty }
}
