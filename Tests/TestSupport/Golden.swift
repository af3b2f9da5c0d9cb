import Foundation

/// Golden files: reports kept under `Tests/Fixtures/golden/` and compared byte for byte, since scripts
/// read them. After an intended change of output, re-record them with
///
///     IDAC_RECORD_GOLDEN=1 swift test --filter Golden
///
/// and review the difference with `git diff Tests/Fixtures/golden` before committing it.
public enum Golden {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["IDAC_RECORD_GOLDEN"] == "1" }

    public static func path(_ name: String) -> String { TestPaths.fixture("golden/" + name) }

    /// The kept text for `name` (nil when there is none yet); in recording mode, keeps `actual` first.
    public static func expected(_ name: String, actual: String) throws -> String? {
        let file = path(name)
        if isRecording {
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try actual.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return try? String(contentsOfFile: file, encoding: .utf8)
    }
}
