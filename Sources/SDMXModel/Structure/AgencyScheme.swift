/// An agency scheme: the organisations that maintain artefacts.
public struct AgencyScheme: Hashable, Sendable {
    /// Its identity (agency, id, version), name and where it was read.
    public var info: MaintainableInfo
    /// The agencies the scheme lists, in the order written.
    public var agencies: [Agency]

    /// Makes an agency scheme, as the structure readers do.
    public init(info: MaintainableInfo, agencies: [Agency]) {
        self.info = info
        self.agencies = agencies
    }

    /// The scheme's own reference (kind `AgencyScheme`).
    public var reference: ArtefactReference { info.reference }
}

/// One agency of an agency scheme: an organisation whose id appears as `agencyID` on the artefacts it maintains.
public struct Agency: Hashable, Sendable {
    /// The agency's id, as artefacts' `agencyID` give it (`ECB`, `IDAC`).
    public var id: String
    /// Its name, in English where the file gives one (else the first name written).
    public var name: String

    /// Makes an agency.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
