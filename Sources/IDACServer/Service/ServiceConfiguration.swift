import SDMXModel

/// What `idac serve` is started with: where it listens, the repository it answers from, the structures
/// it knows and the limits that keep one client from taking the service down.
public struct ServiceConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The repository file (SQLite), opened read-only for answers.
    public var repositoryPath: String
    /// The embedded Alliance structures and any `--structure` files.
    public var catalog: StructureCatalog
    /// The most observations one data answer may hold; a larger answer is refused (413) with a message
    /// saying how to narrow the query, never cut short.
    public var maximumObservations: Int
    /// Data answers written at once; more wait for none and get 503 with `Retry-After`.
    public var maximumConcurrentAnswers: Int
    /// What the 2.x API answers to a query that matches nothing: 404 (as 1.5 must) or 204, which the 2.x
    /// specification prefers. 404 by default, as sdmx1 and pysdmx expect.
    public var emptyStatusV2: Int
    /// The submission portal's limits.
    public var portal: PortalConfiguration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, repositoryPath: String, catalog: StructureCatalog,
        maximumObservations: Int = 20_000_000, maximumConcurrentAnswers: Int = 8, emptyStatusV2: Int = 404,
        portal: PortalConfiguration = PortalConfiguration()
    ) {
        self.host = host
        self.port = port
        self.repositoryPath = repositoryPath
        self.catalog = catalog
        self.maximumObservations = maximumObservations
        self.maximumConcurrentAnswers = maximumConcurrentAnswers
        self.emptyStatusV2 = emptyStatusV2
        self.portal = portal
    }
}
