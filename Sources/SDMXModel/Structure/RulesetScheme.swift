/// A VTL ruleset scheme: validation rules published with the structures, kept as VTL text.
public struct RulesetScheme: Hashable, Sendable {
    public var info: MaintainableInfo
    public var vtlVersion: String?
    public var rulesets: [Ruleset]
    /// Settings of the scheme as a whole (the Alliance's `IDAC_FLOWS`, `IDAC_STOCKS`).
    public var annotations: [Annotation]

    public init(info: MaintainableInfo, vtlVersion: String?, rulesets: [Ruleset], annotations: [Annotation] = []) {
        self.info = info
        self.vtlVersion = vtlVersion
        self.rulesets = rulesets
        self.annotations = annotations
    }

    public var reference: ArtefactReference { info.reference }
}

/// One `define datapoint|hierarchical ruleset` definition.
public struct Ruleset: Hashable, Sendable {
    public var id: String
    public var name: String
    /// `datapoint` or `hierarchical` in VTL 2.0.
    public var rulesetType: String
    /// `variable` or `valuedomain`.
    public var rulesetScope: String
    public var definition: String
    public var annotations: [Annotation]

    public init(
        id: String, name: String, rulesetType: String, rulesetScope: String, definition: String,
        annotations: [Annotation] = []
    ) {
        self.id = id
        self.name = name
        self.rulesetType = rulesetType
        self.rulesetScope = rulesetScope
        self.definition = definition
        self.annotations = annotations
    }
}
