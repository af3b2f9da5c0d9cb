/// A VTL ruleset scheme: validation rules published with the structures, kept as VTL text.
public struct RulesetScheme: Hashable, Sendable {
    /// Its identity (agency, id, version), name and where it was read.
    public var info: MaintainableInfo
    /// The VTL version the scheme's `vtlVersion` attribute states (`2.0`), nil when not stated.
    public var vtlVersion: String?
    /// Its rulesets, in the order written.
    public var rulesets: [Ruleset]
    /// Settings of the scheme as a whole (the Alliance's `IDAC_FLOWS`, `IDAC_STOCKS`).
    public var annotations: [Annotation]

    /// Makes a ruleset scheme, as the structure readers do.
    public init(info: MaintainableInfo, vtlVersion: String?, rulesets: [Ruleset], annotations: [Annotation] = []) {
        self.info = info
        self.vtlVersion = vtlVersion
        self.rulesets = rulesets
        self.annotations = annotations
    }

    /// The scheme's own reference (kind `RulesetScheme`).
    public var reference: ArtefactReference { info.reference }
}

/// One `define datapoint|hierarchical ruleset` definition.
public struct Ruleset: Hashable, Sendable {
    /// The ruleset's id within its scheme, as findings that break its rules name it.
    public var id: String
    /// Its name, in English where the file gives one.
    public var name: String
    /// `datapoint` or `hierarchical` in VTL 2.0.
    public var rulesetType: String
    /// `variable` or `valuedomain`.
    public var rulesetScope: String
    /// The VTL text of the definition (`RulesetDefinition`), as written; empty when the element is missing.
    public var definition: String
    /// The ruleset's own annotations: settings for its rules, such as the Alliance's tolerances.
    public var annotations: [Annotation]

    /// Makes a ruleset, as the structure readers do.
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
