/// An artefact a data structure needs that no loaded file defines (a code list, a concept scheme),
/// and the components it leaves unchecked: what STRUCTURE_INCOMPLETE reports, and what
/// `--strict-structures` refuses.
public struct MissingReference: Hashable, Sendable {
    /// The artefact that is needed and that no loaded file defines.
    public var reference: ArtefactReference
    /// The DSD that needs it.
    public var owner: ArtefactReference
    /// The components whose values cannot be checked without it, as `FREQ` or `FREQ (concept FREQ)`.
    public var components: [String]

    /// Makes the record of a missing artefact, as structure resolution does.
    public init(reference: ArtefactReference, owner: ArtefactReference, components: [String]) {
        self.reference = reference
        self.owner = owner
        self.components = components
    }

    /// `code list ECB:CL_FREQ(1.0), needed by ECB:ECB_EXR1(1.0) component FREQ, component …`
    public var description: String {
        "\(reference.kind.displayName) \(reference), needed by \(owner) "
            + components.map { "component \($0)" }.joined(separator: ", ")
    }

    /// The component ids alone.
    public var componentIDs: [String] {
        components.map { $0.split(separator: " ", maxSplits: 1).first.map(String.init) ?? $0 }
    }
}
