// swift-tools-version:6.1
// The journal benchmark, built apart from the main package (tools/bench-journal assembles it under
// .build-bench-journal/ with a copy of Sources/LeadstreamJournal) so the product ships no benchmark target.
import PackageDescription

let package = Package(
    name: "bench-journal",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .target(
            name: "LeadstreamJournal",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),  // block checksums (journal format 3)
            ]
        ),
        .executableTarget(name: "bench-journal", dependencies: ["LeadstreamJournal"]),
    ]
)
