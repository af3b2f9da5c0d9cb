import Foundation

/// Where the tests find the project's files and the shared corpus of public SDMX files.
public enum TestPaths {
    /// The repository root (this file is Tests/TestSupport/TestPaths.swift).
    public static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    public static func project(_ relative: String) -> String { root + "/" + relative }

    public static func fixture(_ name: String) -> String { project("Tests/Fixtures/" + name) }

    /// `../shared/corpus` beside the project; tests that need it skip, saying so, when it is absent.
    public static let corpus: String = URL(fileURLWithPath: root).deletingLastPathComponent()
        .appendingPathComponent("shared/corpus").standardizedFileURL.path

    public static var corpusIsPresent: Bool {
        FileManager.default.fileExists(atPath: corpus + "/README.md")
    }

    public static func corpus(_ relative: String) -> String { corpus + "/" + relative }

    /// Every regular file below a corpus folder, sorted.
    public static func corpusFiles(under folder: String, extension ext: String) -> [String] {
        let base = corpus(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix("." + ext) }
            .map { base + "/" + $0 }
            .sorted()
    }

    /// The first bytes of a file as text, for picking files by their root element.
    public static func head(_ path: String, bytes: Int = 4096) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        return String(decoding: handle.readData(ofLength: bytes), as: UTF8.self)
    }

    /// The local name of a file's root element (after the XML declaration and comments).
    public static func rootElement(of path: String) -> String? {
        var rest = Substring(head(path))
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            if after.hasPrefix("?") || after.hasPrefix("!") {
                guard let close = after.firstIndex(of: ">") else { return nil }
                rest = after[after.index(after: close)...]
                continue
            }
            let name = after.prefix { !" \n\r\t>/".contains($0) }
            return name.split(separator: ":").last.map(String.init)
        }
        return nil
    }

    /// A fresh temporary folder for a test's files, inside one folder for the whole test run that
    /// is removed when the test process exits.
    public static func temporaryDirectory() throws -> String {
        let path = runDirectory + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The test run's folder, registered for removal at exit the first time it is used.
    static let runDirectory: String = {
        // The exit handler cannot capture anything: it reads the path through this static.
        atexit { try? FileManager.default.removeItem(atPath: TestPaths.runDirectory) }
        return NSTemporaryDirectory() + "idac-tests-\(getpid())"
    }()
}
