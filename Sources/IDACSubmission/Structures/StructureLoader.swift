import AllianceSchemas
import SDMXModel
import SDMXXML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads structure messages into one catalog: the Alliance's embedded structures by default, or the
/// files and folders given with `--structure`.
public struct StructureLoader {
    /// Makes a loader; it holds nothing between loads.
    public init() {}

    /// The Alliance's structures compiled into the binary.
    public func loadEmbedded() throws -> StructureCatalog {
        var catalog = StructureCatalog()
        let reader = StructureMessageReader()
        for file in EmbeddedSchemas.files where file.name.hasSuffix(".xml") {
            try catalog.add(reader.read(bytes: Array(file.contents.utf8), source: "embedded:\(file.name)"))
        }
        return catalog
    }

    /// Each path is a structure file (SDMX-ML or SDMX-JSON, told by its content) or a folder whose `.xml`
    /// and `.json` files (recursively) are loaded in name order.
    public func load(paths: [String]) throws -> StructureCatalog {
        guard !paths.isEmpty else { return try loadEmbedded() }
        var catalog = StructureCatalog()
        for path in paths {
            let files = try Self.structureFiles(at: path)
            if files.isEmpty {
                throw SDMXError(.unreadableFile, "\(path) holds no .xml or .json structure files")
            }
            for file in files {
                try catalog.add(StructureFileReader.read(path: file))
            }
        }
        return catalog
    }

    /// The file itself, or the `.xml` and `.json` files below a folder.
    static func structureFiles(at path: String) throws -> [String] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SDMXError(
                .unreadableFile,
                "cannot read structure path \(path): \(String(cString: strerror(errno))); check the path")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            // A FIFO or device would block the run or never end: only files are read.
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw SDMXError(
                    .unreadableFile, "structure path \(path) is not a file or a folder; give the structure file itself")
            }
            return [path]
        }
        var found: [String] = []
        guard let directory = opendir(path) else {
            throw SDMXError(.unreadableFile, "cannot list the folder \(path): \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            // Inside a folder, links are followed to files only, never into folders (a link to a parent
            // would recurse without end), and only regular files are read (a FIFO would block).
            var childInfo = stat()
            guard lstat(child, &childInfo) == 0 else { continue }
            if (childInfo.st_mode & S_IFMT) == S_IFDIR {
                found += try structureFiles(at: child)
                continue
            }
            if (childInfo.st_mode & S_IFMT) == S_IFLNK, stat(child, &childInfo) != 0 { continue }
            let lowercased = name.lowercased()
            if (childInfo.st_mode & S_IFMT) == S_IFREG
                && (lowercased.hasSuffix(".xml") || lowercased.hasSuffix(".json"))
            {
                found.append(child)
            }
        }
        return found.sorted()
    }
}
