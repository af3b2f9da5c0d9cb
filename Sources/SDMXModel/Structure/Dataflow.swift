/// A dataflow: what countries report against, on top of a data structure definition.
public struct Dataflow: Hashable, Sendable {
    public var info: MaintainableInfo
    /// The DSD it is built on; nil for a stub that does not say.
    public var structure: ArtefactReference?

    public init(info: MaintainableInfo, structure: ArtefactReference?) {
        self.info = info
        self.structure = structure
    }

    public var reference: ArtefactReference { info.reference }
}
