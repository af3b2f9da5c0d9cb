import Foundation

/// Debian's Chromium, headless: opens a page as a reader would and returns the DOM it rendered.
public enum HeadlessBrowser {
    public static var path: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The rendered DOM of an HTML file, and whether the browser exited cleanly.
    public static func dumpDOM(of page: String) throws -> (dom: String, succeeded: Bool) {
        guard let browser = path else { return ("", false) }
        let profile = try TestPaths.temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=\(profile)", "--dump-dom", "file://" + page,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (dom, process.terminationStatus == 0)
    }
}
