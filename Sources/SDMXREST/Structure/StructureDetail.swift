/// How much of each artefact a structure query's `detail` parameter asks for.
public enum StructureDetail: String, Sendable, Hashable, CaseIterable {
    /// Everything, for every artefact (the default).
    case full
    /// Every artefact as a stub: identification and name only.
    case allStubs = "allstubs"
    /// The matched artefacts in full, the referenced ones as stubs.
    case referenceStubs = "referencestubs"
    /// The matched artefacts in full; referenced item schemes cut to the items the matched ones use or allow.
    case referencePartial = "referencepartial"
    /// Every artefact as a complete stub: identification, name, annotations and `isFinal`.
    case allCompleteStubs = "allcompletestubs"
    /// The matched artefacts in full, the referenced ones as complete stubs.
    case referenceCompleteStubs = "referencecompletestubs"
    /// 2.x: as full without resolving code list extensions, which the catalog does not model.
    case raw

    /// Parses the value (any case). Throws 400 naming it when the API does not define it.
    static func parse(_ text: String, api: APIVersion) throws -> StructureDetail {
        guard let detail = StructureDetail(rawValue: text.lowercased()), api == .v2 || detail != .raw else {
            let names = allCases.filter { api == .v2 || $0 != .raw }.map(\.rawValue).joined(separator: ", ")
            throw RESTError.syntax("detail \"\(text)\" is not one of \(names)")
        }
        return detail
    }
}
