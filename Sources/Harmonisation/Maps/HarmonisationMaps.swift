import AllianceSchemas
import Foundation

/// The maps harmonisation applies: country codes (ISO alpha-2 in any case and M49 numbers to ISO
/// alpha-3) and national age bands to the Alliance's.
public struct HarmonisationMaps: Sendable {
    /// Country codes to ISO alpha-3 (`area-codes.csv`), looked up case-insensitively; see `area(_:)` for M49 numbers.
    public var areas: CodeMap
    /// National age-band codes to the Alliance's (`age-bands.csv`), case-sensitive.
    public var ageBands: CodeMap

    /// Makes a set of maps; `embedded()` and `load(folder:)` are how they are usually read.
    public init(areas: CodeMap, ageBands: CodeMap) {
        self.areas = areas
        self.ageBands = ageBands
    }

    /// The maps compiled into idac (Schemas/maps/).
    public static func embedded() throws -> HarmonisationMaps {
        func file(_ name: String) -> String {
            EmbeddedSchemas.files.first { $0.name == "maps/" + name }?.contents ?? ""
        }
        return HarmonisationMaps(
            areas: try CodeMap(csv: file("area-codes.csv"), name: "maps/area-codes.csv", caseInsensitive: true),
            ageBands: try CodeMap(csv: file("age-bands.csv"), name: "maps/age-bands.csv"))
    }

    /// The maps in a folder (`area-codes.csv`, `age-bands.csv`), as the Secretariat edits them.
    public static func load(folder: String) throws -> HarmonisationMaps {
        func read(_ name: String) throws -> String {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw HarmonisationError(
                    message:
                        "cannot read the map \(path); the folder given with --maps needs area-codes.csv and age-bands.csv"
                )
            }
            return text
        }
        return HarmonisationMaps(
            areas: try CodeMap(csv: read("area-codes.csv"), name: folder + "/area-codes.csv", caseInsensitive: true),
            ageBands: try CodeMap(csv: read("age-bands.csv"), name: folder + "/age-bands.csv"))
    }

    /// An area code as ISO alpha-3: mapped from alpha-2 or M49 (`404`, `004` and `4` alike).
    public func area(_ code: String) -> String? {
        if let number = Int(code) { return areas.target(for: String(number)) }
        return areas.target(for: code)
    }
}
