import SDMXModel
import Synchronization

/// The structures a service has resolved, by the dataflow (or DSD) reference: a service's catalog is fixed
/// for its life, so each is resolved once (following every code list and concept costs more than the rest
/// of a small query) and shared by every later query. Bounded by the catalog: only references found in it
/// are kept, and a failed resolution is not.
public final class ResolvedStructureCache: Sendable {
    private let resolved = Mutex<[ArtefactReference: ResolvedStructure]>([:])

    /// An empty cache, made once per service.
    public init() {}

    /// The structure for `reference`, resolved by `resolve` the first time it is asked for.
    func structure(
        for reference: ArtefactReference, resolve: (ArtefactReference) throws -> ResolvedStructure
    ) rethrows -> ResolvedStructure {
        if let known = resolved.withLock({ $0[reference] }) { return known }
        let structure = try resolve(reference)
        // Two first queries may resolve the same structure at once: either result will do.
        return resolved.withLock { table in
            if let known = table[reference] { return known }
            table[reference] = structure
            return structure
        }
    }

    /// How many structures are kept.
    public var count: Int { resolved.withLock { $0.count } }
}
