import Foundation

/// The submission portal's limits (`idac serve --max-upload-mb`, `--max-concurrent-validations`,
/// `--max-uploads-per-address`, `--max-validation-seconds`, `--upload-directory`, `--secure-cookies`).
public struct PortalConfiguration: Sendable {
    /// Where uploads are kept while they are read: a folder of the service's own (0700).
    public var uploadDirectory: String
    /// The largest request body, in bytes (413 past it).
    public var maximumUploadBytes: Int
    /// Uploads received and validated at once (503 with `Retry-After` past it).
    public var maximumConcurrentValidations: Int
    /// Uploads one client address may have received and validated at once (429 with `Retry-After` past it).
    public var maximumUploadsPerAddress: Int
    /// How long one upload's check (or transmission) may run once received: then it stops (503), nothing
    /// stored, and its slot and file are freed.
    public var maximumValidationTime: Duration
    /// Whether cookies are marked `Secure` (the service is behind TLS).
    public var secureCookies: Bool
    /// Failed sign-ins one address may make in ``signInWindow`` before it must wait (429).
    public var signInAttempts: Int
    /// See ``signInAttempts``: the span the failed sign-ins are counted over (5 minutes by default).
    public var signInWindow: Duration

    /// A new folder name in the system's temporary folder, unguessable (made at start, refused if it exists
    /// and is not private).
    public static func defaultUploadDirectory() -> String {
        NSTemporaryDirectory() + "/idac-uploads-\(ProcessInfo.processInfo.processIdentifier)-"
            + String(UInt64.random(in: .min ... .max), radix: 36)
    }

    /// The portal's limits; any left out takes its default (200 MiB bodies, 4 validations at once, 2 per address,
    /// 120 s each, 5 failed sign-ins per 5 minutes, cookies not `Secure`).
    public init(
        uploadDirectory: String = PortalConfiguration.defaultUploadDirectory(),
        maximumUploadBytes: Int = 200 * 1_048_576, maximumConcurrentValidations: Int = 4, secureCookies: Bool = false,
        signInAttempts: Int = 5, signInWindow: Duration = .seconds(300), maximumUploadsPerAddress: Int = 2,
        maximumValidationTime: Duration = .seconds(120)
    ) {
        self.maximumUploadsPerAddress = maximumUploadsPerAddress
        self.maximumValidationTime = maximumValidationTime
        self.uploadDirectory = uploadDirectory
        self.maximumUploadBytes = maximumUploadBytes
        self.maximumConcurrentValidations = maximumConcurrentValidations
        self.secureCookies = secureCookies
        self.signInAttempts = signInAttempts
        self.signInWindow = signInWindow
    }
}
