// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "CustomerDNA",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cdna", targets: ["cdna"]),
        .library(name: "DNACore", targets: ["DNACore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // The key-driver bootstrap's hot loop in C, so it can use AVX2 and FMA where the
        // processor has them (chosen at run time) while the rest stays portable.
        .target(name: "CDriverKernel"),
        // glibc's mallopt, which Swift's Glibc module does not show: `cdna serve` keeps freed
        // memory for the next request instead of faulting it in again (see Serve).
        .target(name: "CMemoryTuning"),
        // Domain values, file formats and analytics. Pure: no I/O, no clock, no logging.
        .target(
            name: "DNACore",
            dependencies: ["CDriverKernel", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/frameworks"), .copy("Resources/instruments")]
        ),
        // The only module that talks to a database driver.
        .target(
            name: "DNAStore",
            dependencies: [
                "DNACore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Mail out: an SMTP client on SwiftNIO with TLS, and the MIME messages it sends. Knows
        // nothing of workspaces or people.
        .target(
            name: "DNAMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "NIOTLS", package: "swift-nio"),
            ]
        ),
        // Single sign-on with OpenID Connect: the provider's discovery document and keys, the
        // code exchange and the ID token's checks. Knows nothing of users or workspaces.
        .target(
            name: "DNAIdentity",
            dependencies: [
                .product(name: "JWTKit", package: "jwt-kit"), .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The use cases: each owns its rule, its access check and its audit entry, for the
        // pages, the API and the command line alike.
        .target(
            name: "DNAApp",
            dependencies: [
                "DNACore", "DNAStore", "DNAMail", "DNAIdentity", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The API as its OpenAPI document states it: types and server routes generated from
        // openapi.json at build time, so the document cannot drift from the code.
        .target(
            name: "DNAAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            resources: [.copy("openapi.json")],
            // The generated files import with explicit access levels; internal imports by
            // default keep the bundle accessor's plain `import Foundation` from clashing with
            // them. Swift 6.3 warns about the generator's unused imports, which only its
            // output can fix; this module holds nothing else of ours to warn about.
            swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault"), .unsafeFlags(["-suppress-warnings"])],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .target(
            name: "DNAWeb",
            dependencies: [
                "DNACore",
                "DNAStore",
                "DNAApp",
                "DNAAPI",
                "DNAIdentity",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "DNACLI",
            dependencies: [
                "DNACore",
                "DNAApp",
                "DNAStore",
                "DNAWeb",
                "DNAMail",
                "DNAIdentity",
                "CMemoryTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "cdna", dependencies: ["DNACLI"]),
        // Shared by the test targets: a fresh database per test on SQLite and PostgreSQL.
        .target(
            name: "DNATestSupport",
            dependencies: ["DNAStore", "DNAIdentity", .product(name: "SQLKit", package: "sql-kit"), .product(name: "JWTKit", package: "jwt-kit")],
            path: "Tests/DNATestSupport"),
        .testTarget(name: "DNACoreTests", dependencies: ["DNACore"]),
        .testTarget(name: "DNAMailTests", dependencies: ["DNAMail"]),
        .testTarget(name: "DNAIdentityTests", dependencies: ["DNAIdentity", "DNATestSupport", .product(name: "JWTKit", package: "jwt-kit")]),
        .testTarget(
            name: "DNAStoreTests",
            dependencies: ["DNAStore", "DNACore", "DNATestSupport"]
        ),
        .testTarget(name: "DNAAppTests", dependencies: ["DNAApp", "DNAStore", "DNACore", "DNAMail", "DNATestSupport"]),
        .testTarget(
            name: "DNAWebTests",
            dependencies: [
                "DNAWeb", "DNAApp", "DNAStore", "DNACore", "DNACLI", "DNATestSupport", "DNAIdentity", "CMemoryTuning",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Plot", package: "Plot"),
            ],
            // Read from the source tree by `GoldenPageTests` (they are compared and rewritten
            // there), not bundled.
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
