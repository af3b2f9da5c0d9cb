import SDMXModel
import SDMXREST

/// How failures from the rest of idac reach a REST client: an ``RESTError`` as it is; an ``SDMXError``
/// from the catalog or the repository by what it means (a reference nothing defines is "no results",
/// a bad key is a syntax error naming it); anything else an internal error that says no more than that.
enum RESTErrorMapping {
    static func restError(for error: any Error) -> RESTError {
        switch error {
        case let error as RESTError:
            return error
        case let error as SDMXError where error.code == .unresolvedReference:
            return .noResults(error.message)
        case let error as SDMXError where error.code == .invalidStructure:
            return .syntax(error.message)
        case let error as SDMXError where error.code == .limitExceeded:
            return .tooLarge(error.message)
        default:
            return RESTError(code: 500, status: 500, "the service could not answer; its log says why")
        }
    }
}
