// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// The readers and the validator run per observation: in release builds they skip the runtime's
/// dynamic exclusivity checks, which cost a tenth of a validation (measured with perf; the static
/// checks still apply, and debug builds and tests keep the dynamic ones).
let hotPathSettings: [SwiftSetting] =
    strictSettings + [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
    ]

let package = Package(
    name: "idac",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "idac", targets: ["idac"]),
        .library(name: "IDACPipeline", targets: ["IDACPipeline"]),
        .library(name: "IDACSubmission", targets: ["IDACSubmission"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The web service; without swift-configuration support, which idac does not use (a shorter build).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        // The PostgreSQL backend of the repository (a postgres:// repository URL).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "SDMXBytes", swiftSettings: hotPathSettings),
        .target(name: "SDMXModel", dependencies: ["SDMXBytes"], swiftSettings: hotPathSettings),
        .target(name: "AllianceSchemas", swiftSettings: strictSettings),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Writes the Excel templates (`idac template`): data validation, hidden sheets, merged titles.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "SDMXInput", dependencies: ["SDMXModel", "CZlib"], swiftSettings: hotPathSettings),
        .target(
            name: "SDMXXML",
            dependencies: ["SDMXModel", "SDMXInput", "CLibXML2"],
            swiftSettings: hotPathSettings
        ),
        .target(name: "SDMXCSV", dependencies: ["SDMXModel", "SDMXInput"], swiftSettings: hotPathSettings),
        .target(name: "SDMXJSON", dependencies: ["SDMXModel", "SDMXInput"], swiftSettings: hotPathSettings),
        .target(name: "VTLRules", dependencies: ["SDMXBytes"], swiftSettings: hotPathSettings),
        .target(name: "Harmonisation", dependencies: ["SDMXModel", "AllianceSchemas"], swiftSettings: strictSettings),
        .target(
            name: "AllianceRepository",
            dependencies: [
                "SDMXModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "SDMXValidation", dependencies: ["SDMXModel", "VTLRules"], swiftSettings: hotPathSettings),
        .target(name: "SDMXREST", dependencies: ["SDMXModel", "AllianceRepository"], swiftSettings: strictSettings),
        // One submission file, with no repository: detect its format, read, validate, report, transform,
        // and the Excel template. The fuzz harness links only this, not the database drivers.
        .target(
            name: "IDACSubmission",
            dependencies: [
                "SDMXModel", "SDMXInput", "SDMXXML", "SDMXCSV", "SDMXJSON", "SDMXValidation", "AllianceSchemas",
                "Harmonisation", "CXLSXWriter",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: hotPathSettings
        ),
        // The jobs that meet the repository: ingest, the inbox, gaps and accounts.
        .target(
            name: "IDACPipeline",
            dependencies: [
                "IDACSubmission", "SDMXModel", "SDMXInput", "SDMXXML", "SDMXCSV", "SDMXValidation", "AllianceSchemas",
                "Harmonisation", "AllianceRepository", "SDMXREST",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "IDACServer",
            dependencies: [
                "IDACPipeline", "IDACSubmission", "SDMXREST", "SDMXModel", "SDMXInput", "AllianceRepository", "CZlib",
                "Harmonisation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "idac",
            dependencies: [
                "IDACPipeline", "IDACSubmission", "IDACServer", "SDMXCSV", "SDMXModel", "Harmonisation",
                "AllianceRepository",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "IDACFuzz",
            dependencies: [
                "IDACSubmission", "SDMXXML", "SDMXCSV", "SDMXJSON", "SDMXInput", "SDMXModel", "SDMXValidation",
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SDMXBytesTests", dependencies: ["SDMXBytes", "SDMXModel"], swiftSettings: strictSettings),
        .testTarget(name: "SDMXModelTests", dependencies: ["SDMXModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "SDMXInputTests", dependencies: ["SDMXInput", "SDMXModel", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(name: "VTLRulesTests", dependencies: ["VTLRules", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "HarmonisationTests", dependencies: ["Harmonisation", "SDMXModel", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "SDMXXMLTests", dependencies: ["SDMXXML", "SDMXModel", "SDMXInput", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "SDMXJSONTests", dependencies: ["SDMXJSON", "SDMXModel", "SDMXInput", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "SDMXCSVTests", dependencies: ["SDMXCSV", "SDMXModel", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "SDMXValidationTests",
            dependencies: ["SDMXValidation", "SDMXModel", "SDMXXML", "AllianceSchemas", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AllianceRepositoryTests",
            dependencies: [
                "AllianceRepository", "SDMXModel", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IDACSubmissionTests",
            dependencies: [
                "IDACSubmission", "SDMXModel", "SDMXValidation", "SDMXCSV", "SDMXXML", "SDMXInput", "AllianceSchemas",
                "Harmonisation", "TestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IDACPipelineTests",
            dependencies: [
                "IDACPipeline", "IDACSubmission", "SDMXModel", "SDMXValidation", "SDMXCSV", "SDMXInput", "SDMXXML",
                "SDMXJSON", "AllianceSchemas", "Harmonisation", "AllianceRepository", "SDMXREST", "TestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SDMXRESTTests",
            dependencies: [
                "SDMXREST", "SDMXModel", "SDMXXML", "AllianceSchemas", "AllianceRepository", "IDACPipeline",
                "IDACSubmission",
                "TestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IDACServerTests",
            dependencies: [
                "IDACServer", "IDACPipeline", "IDACSubmission", "SDMXREST", "SDMXModel", "AllianceRepository",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "idacTests", dependencies: ["idac", "TestSupport"], swiftSettings: strictSettings),
    ]
)
