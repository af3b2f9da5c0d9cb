/// An artefact of a structure answer and how much of it to write.
public struct SelectedArtefact: Sendable, Hashable {
    /// How much of the artefact the answer carries, from the query's `detail`.
    public enum Presentation: Sendable, Hashable {
        /// Everything the catalog holds.
        case full
        /// Identification and name only, marked as an external reference.
        case stub
        /// A stub with annotations and `isFinal` too.
        case completeStub
        /// An item scheme cut to some of its items (`artefact` holds only those), marked `isPartial`.
        case partial
    }

    /// The artefact; for ``Presentation/partial``, already cut to the items kept.
    public var artefact: StructureArtefact
    /// How much of it to write.
    public var presentation: Presentation
    /// True for an artefact the query's path matched, false for one added by `references`.
    public var isMatch: Bool

    /// An artefact of the answer, as ``StructureSelection`` and ``AvailabilityAnswer`` pick it.
    public init(artefact: StructureArtefact, presentation: Presentation, isMatch: Bool) {
        self.artefact = artefact
        self.presentation = presentation
        self.isMatch = isMatch
    }
}
