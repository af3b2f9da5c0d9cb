/// An agency scheme: the organisations that maintain artefacts.
public struct AgencyScheme: Hashable, Sendable {
    public var info: MaintainableInfo
    public var agencies: [Agency]

    public init(info: MaintainableInfo, agencies: [Agency]) {
        self.info = info
        self.agencies = agencies
    }

    public var reference: ArtefactReference { info.reference }
}

public struct Agency: Hashable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
