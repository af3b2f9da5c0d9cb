import SDMXModel

/// Every consistency rule the loaded structures publish: VTL rulesets, and the temporal rules set
/// by ruleset-scheme annotations. Loaded once per run; applied to each dataset whose structure has
/// the components a rule names.
public struct ValidationRules: Sendable {
    public var rulesets: [LoadedRuleset]
    public var temporal: [TemporalRule]

    public init(rulesets: [LoadedRuleset] = [], temporal: [TemporalRule] = []) {
        self.rulesets = rulesets
        self.temporal = temporal
    }

    public static func load(from catalog: StructureCatalog) throws -> ValidationRules {
        ValidationRules(
            rulesets: try LoadedRuleset.loadAll(from: catalog),
            temporal: catalog.rulesetSchemes.values.sorted { $0.reference.description < $1.reference.description }
                .compactMap(TemporalRule.init(scheme:)))
    }

    public var isEmpty: Bool { rulesets.isEmpty && temporal.isEmpty }
}
