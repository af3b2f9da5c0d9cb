import AllianceRepository
import Foundation
import Hummingbird
import HummingbirdTesting
import IDACPipeline
import IDACSubmission
import IDACServer
import Logging
import TestSupport

/// A repository with a Kenyan office, a Ugandan office, a revoked account and the Secretariat, and the
/// service over it with an upload folder of its own.
struct PortalFixture {
    let base: ServiceFixture
    let uploads: String
    let kenya: String
    let uganda: String
    let secretariat: String
    let revoked: String
    var portal: PortalConfiguration

    init(ingesting files: [String] = []) throws {
        base = try ServiceFixture(ingesting: files)
        uploads = base.directory + "/uploads"
        let repository = try AllianceRepository(path: base.repositoryPath)
        func add(_ name: String, _ country: String, _ role: AccountRecord.Role) throws -> String {
            let token = AccountToken.generate()
            _ = try repository.addAccount(
                name: name, country: country, role: role, tokenHash: AccountToken.digest(of: token))
            return token
        }
        kenya = try add("Kenya National Bureau of Statistics", "KEN", .office)
        uganda = try add("Uganda Bureau of Statistics", "UGA", .office)
        secretariat = try add("IDAC Secretariat", "XXX", .secretariat)
        revoked = try add("Old Kenya account", "KEN", .office)
        try repository.revokeAccount(name: "Old Kenya account")
        portal = PortalConfiguration(uploadDirectory: uploads)
    }

    var repository: AllianceRepository {
        get throws { try AllianceRepository(path: base.repositoryPath) }
    }

    func withClient(
        logger: Logger? = nil, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var quiet = Logger(label: "idac.portal.test")
        quiet.logLevel = .warning
        let service = AllianceService(
            configuration: ServiceConfiguration(
                repositoryPath: base.repositoryPath, catalog: ServiceFixture.catalog, portal: portal),
            logger: logger ?? quiet)
        try await Application(router: try service.router()).test(.router, body)
    }

    /// The service on a real socket on this machine (a free port), with the service's own server settings.
    func withLiveClient(
        _ body: @escaping @Sendable (any TestClientProtocol, Int) async throws -> Void
    ) async throws {
        var quiet = Logger(label: "idac.portal.test")
        quiet.logLevel = .warning
        let service = AllianceService(
            configuration: ServiceConfiguration(
                port: 0, repositoryPath: base.repositoryPath, catalog: ServiceFixture.catalog, portal: portal),
            logger: quiet)
        try await service.application().test(.live) { client in
            guard let port = client.port else { throw RawConnection.Failure() }
            try await body(client, port)
        }
    }

    /// Files left in the upload folder. None when the folder is gone: the portal removes the folder it made
    /// when it goes, which `rmdir` does only to an empty folder.
    func leftUploads() throws -> [String] {
        guard FileManager.default.fileExists(atPath: uploads) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: uploads)
    }

    static func sample(_ path: String) throws -> String {
        try String(contentsOfFile: TestPaths.project(path), encoding: .utf8)
    }

    /// Kenya's sample as Uganda's: the same figures with REF_AREA UGA.
    static func ugandaCSV() throws -> String {
        try sample("SampleData/kenya-2024-quarterly.csv").replacingOccurrences(of: ",Q,KEN,", with: ",Q,UGA,")
    }

    /// A multipart/form-data body.
    static func multipart(
        file: String, fileName: String = "data.csv", field: String = "file", fields: [String: String] = [:],
        boundary: String = "idacBoundary7MA4YWxk"
    ) -> (body: ByteBuffer, headers: HTTPFields) {
        var text = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\n"
        text += "Content-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return (ByteBuffer(string: text), headers)
    }

    static func bearer(_ token: String, _ headers: HTTPFields = HTTPFields()) -> HTTPFields {
        var headers = headers
        headers[.authorization] = "Bearer \(token)"
        return headers
    }
}
