import SDMXModel

/// What `idac serve` is started with: where it listens, the repository it answers from, the structures
/// it knows and the limits that keep one client from taking the service down.
public struct ServiceConfiguration: Sendable {
    /// The address to listen on: `127.0.0.1` by default, so that only this machine reaches it unless asked.
    public var host: String
    /// The TCP port (8080 by default; 0 picks a free one, logged once bound).
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

    /// A configuration; a limit left out takes its default (20 000 000 observations per answer, 8 answers at
    /// once, 404 for an empty 2.x answer).
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
