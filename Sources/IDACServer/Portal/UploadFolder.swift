import Foundation

/// The folder uploads are kept in while they are read, made private (0700) when the portal is made. A folder
/// the portal made itself is removed when the last copy of the portal goes, whether or not the service ran
/// (it is empty then: every upload is removed when its request ends); a folder that was already there (given
/// with `--upload-directory`) is left.
final class UploadFolder: Sendable {
    /// The folder's path, as configured.
    let path: String
    /// Whether this object made the folder, and so removes it.
    private let madeHere: Bool

    /// Makes the folder, or checks the one that is there (``TemporaryUpload/makeDirectory(_:)``).
    init(_ path: String) throws {
        madeHere = try TemporaryUpload.makeDirectory(path)
        self.path = path
    }

    deinit {
        if madeHere { rmdir(path) }
    }
}
