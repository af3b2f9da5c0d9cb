import Foundation
import IDACServer
import Logging
import Testing

/// The upload folder lives as long as the portal: a folder the portal made is removed when the service
/// goes, even if it never ran (tests and embedders build the router only); a folder that was there is left.
@Suite struct UploadFolderTests {
    func router(uploads: String, fixture: ServiceFixture) throws {
        var quiet = Logger(label: "idac.portal.test")
        quiet.logLevel = .warning
        let service = AllianceService(
            configuration: ServiceConfiguration(
                repositoryPath: fixture.repositoryPath, catalog: ServiceFixture.catalog,
                portal: PortalConfiguration(uploadDirectory: uploads)),
            logger: quiet)
        let router = try service.router()
        withExtendedLifetime(router) {
            #expect(FileManager.default.fileExists(atPath: uploads), "made with the portal, kept while it lives")
        }
    }

    @Test func aFolderThePortalMadeGoesWithIt() throws {
        let fixture = try ServiceFixture(ingesting: [])
        let uploads = fixture.directory + "/own-uploads"
        try router(uploads: uploads, fixture: fixture)
        #expect(!FileManager.default.fileExists(atPath: uploads))
    }

    @Test func aFolderThatWasThereIsLeft() throws {
        let fixture = try ServiceFixture(ingesting: [])
        let uploads = fixture.directory + "/given-uploads"
        try FileManager.default.createDirectory(
            atPath: uploads, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try router(uploads: uploads, fixture: fixture)
        #expect(FileManager.default.fileExists(atPath: uploads))
    }
}
