/// A dataflow: what countries report against, on top of a data structure definition.
public struct Dataflow: Hashable, Sendable {
    /// Its identity (agency, id, version), name and the file it was read from.
    public var info: MaintainableInfo
    /// The DSD it is built on; nil for a stub that does not say.
    public var structure: ArtefactReference?

    /// Makes a dataflow from its parts, as the structure readers do.
    public init(info: MaintainableInfo, structure: ArtefactReference?) {
        self.info = info
        self.structure = structure
    }

    /// The dataflow's own reference (kind `Dataflow`), as data messages and constraints name it.
    public var reference: ArtefactReference { info.reference }
}
