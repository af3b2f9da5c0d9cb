import SDMXREST

/// What the data and availability answers share for the service's life: the repository's connections,
/// the threads that read through them, the structures resolved once, and the repository's last change.
struct RepositoryAccess: Sendable {
    let pool: RepositoryPool
    let threads: AnswerThreads
    let structures: ResolvedStructureCache
    let lastChanges: LastChangeCache

    init(configuration: ServiceConfiguration) {
        pool = RepositoryPool(path: configuration.repositoryPath, capacity: configuration.maximumConcurrentAnswers)
        threads = AnswerThreads(capacity: configuration.maximumConcurrentAnswers)
        structures = ResolvedStructureCache()
        lastChanges = LastChangeCache(repositoryPath: configuration.repositoryPath)
    }
}
