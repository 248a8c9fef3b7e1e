// swift-tools-version:6.1
import PackageDescription

/// One set of settings for every target (STYLE.md §1).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

var package = Package(
    name: "leadstream",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "leadstream", targets: ["leadstream"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "LeadstreamCore", targets: ["LeadstreamCore"]),
        .library(name: "LeadstreamLive", targets: ["LeadstreamLive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // libzmq's C API, found through pkg-config (Debian: libzmq3-dev).
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // A thin, safe Swift layer over CZeroMQ: contexts, sockets, messages, poller, CURVE.
        .target(
            name: "ZeroMQ",
            dependencies: ["CZeroMQ"],
            swiftSettings: swiftSettings
        ),
        // The domain: events, validation, periods, the lead registry and the three reports.
        .target(
            name: "LeadstreamCore",
            swiftSettings: swiftSettings
        ),
        // Access (SPEC §10): tokens (SQLite store, SHA-256 hashes), role scopes, CURVE allow-lists and ZAP.
        .target(
            name: "LeadstreamAccess",
            dependencies: [
                "LeadstreamCore",
                "ZeroMQ",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // How components speak: the LS1 framing, the request/reply loop, acknowledgement bodies, the socket thread.
        .target(
            name: "LeadstreamWire",
            dependencies: [
                "LeadstreamCore",
                "ZeroMQ",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Partitions by account: the map (stable hash, moved accounts), a component's place in it, the verb.
        .target(
            name: "LeadstreamPartitions",
            dependencies: ["LeadstreamCore"],
            swiftSettings: swiftSettings
        ),
        // The clients of the public endpoints: ingest (`send`, `load`), report queries and snapshots.
        .target(
            name: "LeadstreamClients",
            dependencies: ["LeadstreamCore", "LeadstreamPartitions", "LeadstreamWire", "ZeroMQ"],
            swiftSettings: swiftSettings
        ),
        // `leadstream validate`: the figures rebuilt from the journal alone, compared with the live ones, repaired.
        .target(
            name: "LeadstreamValidation",
            dependencies: ["LeadstreamCore", "LeadstreamClients", "LeadstreamWire", "ZeroMQ"],
            swiftSettings: swiftSettings
        ),
        // The capture gateway: acknowledged ingest, the journal-ordered registry, replay and forwarding.
        .target(
            name: "LeadstreamGateway",
            dependencies: [
                "LeadstreamPartitions",
                "LeadstreamWire",
                "LeadstreamAccess",
                "LeadstreamCore",
                "LeadstreamJournal",
                "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP ingest of the capture gateway: POST /v1/events, /healthz, /metrics (docs/http.md).
        .target(
            name: "LeadstreamHTTP",
            dependencies: [
                "LeadstreamWire",
                "LeadstreamAccess",
                "LeadstreamGateway",
                "LeadstreamCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The gateway's durable event journal: SQLite (GRDB) in WAL mode with group commit (docs/journal.md).
        .target(
            name: "LeadstreamJournal",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Live results: the Clone-pattern subscriber (snapshot + PUB stream) behind `leadstream subscribe`.
        .target(
            name: "LeadstreamLive",
            dependencies: [
                "LeadstreamClients",
                "LeadstreamWire",
                "ZeroMQ",
                "LeadstreamCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A stateless report worker: forwarded change batches in, signed partial counts out (docs/cluster.md).
        .target(
            name: "LeadstreamWorker",
            dependencies: [
                "LeadstreamWire",
                "LeadstreamCore",
                "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The aggregator: in-order exactly-once merge, gap replay, checkpoint, queries and live topics.
        .target(
            name: "LeadstreamAggregator",
            dependencies: [
                "LeadstreamPartitions",
                "LeadstreamClients",
                "LeadstreamWire",
                "LeadstreamAccess",
                "LeadstreamCore",
                "LeadstreamGateway",
                "LeadstreamJournal",
                "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // `leadstream load`: the seeded event generator (also `run --demo`'s), latency matching and the load run.
        .target(
            name: "LeadstreamLoad",
            dependencies: [
                "LeadstreamClients",
                "LeadstreamWire",
                "LeadstreamCore",
                "LeadstreamGateway",
                "LeadstreamAggregator",
                "ZeroMQ",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The web face: HTTP reports, the live stream (Server-Sent Events) and the dashboard page (docs/web.md).
        // It talks to an aggregator only through `--query` and `--publish`, with each viewer's token.
        .target(
            name: "LeadstreamWeb",
            dependencies: [
                "LeadstreamPartitions",
                "LeadstreamClients",
                "LeadstreamWire",
                "LeadstreamAccess",
                "LeadstreamAggregator",
                "LeadstreamCore",
                "LeadstreamHTTP",
                "LeadstreamLive",
                "ZeroMQ",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Assets"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedAssets"]
        ),
        // Builds a target's Assets/ folder into its binary (the dashboard page's HTML, CSS and JS).
        .plugin(name: "EmbedAssets", capability: .buildTool(), dependencies: ["EmbedAssetsTool"]),
        .executableTarget(name: "EmbedAssetsTool", path: "Sources/EmbedAssetsTool"),
        // The `leadstream` command line.
        .executableTarget(
            name: "leadstream",
            dependencies: [
                "LeadstreamPartitions",
                "LeadstreamClients",
                "LeadstreamWire",
                "LeadstreamAccess",
                "LeadstreamCore",
                "LeadstreamGateway",
                "LeadstreamHTTP",
                "LeadstreamJournal",
                "LeadstreamLive",
                "LeadstreamWorker",
                "LeadstreamAggregator",
                "LeadstreamLoad",
                "LeadstreamValidation",
                "LeadstreamWeb",
                "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZeroMQTests",
            dependencies: ["ZeroMQ", "LeadstreamCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamPartitionsTests",
            dependencies: ["LeadstreamPartitions", "LeadstreamCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamWireTests",
            dependencies: [
                "LeadstreamWire", "LeadstreamCore", "ZeroMQ",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamClientsTests",
            dependencies: ["LeadstreamClients", "LeadstreamCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamValidationTests",
            dependencies: ["LeadstreamValidation", "LeadstreamCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamGatewayTests",
            dependencies: ["LeadstreamWire", "LeadstreamClients", "LeadstreamGateway", "LeadstreamCore", "ZeroMQ"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamHTTPTests",
            dependencies: ["LeadstreamWire", "LeadstreamClients",
                "LeadstreamHTTP",
                "LeadstreamGateway",
                "LeadstreamCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamAggregatorTests",
            dependencies: ["LeadstreamWire", "LeadstreamClients", "LeadstreamAggregator", "LeadstreamWorker", "LeadstreamGateway", "LeadstreamJournal", "LeadstreamCore", "ZeroMQ"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamJournalTests",
            dependencies: ["LeadstreamJournal", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamLiveTests",
            dependencies: ["LeadstreamWire", "LeadstreamClients", "LeadstreamCore",
                "LeadstreamLive",
                "LeadstreamGateway",
                "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamLoadTests",
            dependencies: ["LeadstreamWire", "LeadstreamClients", "LeadstreamLoad", "LeadstreamCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamAccessTests",
            dependencies: ["LeadstreamAccess", "LeadstreamCore", "ZeroMQ", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamWebTests",
            dependencies: ["LeadstreamWire", "LeadstreamClients", "LeadstreamWeb", "LeadstreamAccess", "LeadstreamAggregator", "LeadstreamCore", "LeadstreamLive"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadstreamCoreTests",
            dependencies: ["LeadstreamCore"],
            swiftSettings: swiftSettings
        ),
    ]
)

// Benchmark baselines build only on request (tools/bench-ingest sets it), as hummingbird does.
if Context.environment["LEADSTREAM_BENCHMARKS"] != nil {
    package.targets.append(.systemLibrary(name: "CMalloc"))
    package.targets.append(
        .executableTarget(
            name: "LeadstreamBenchmarks",
            dependencies: ["LeadstreamCore", "LeadstreamWire", "ZeroMQ", "CMalloc"],
            swiftSettings: swiftSettings
        ))
    package.products.append(.executable(name: "leadstream-benchmarks", targets: ["LeadstreamBenchmarks"]))
}

// Fuzz targets build only on request (tools/fuzz sets it, with `-sanitize=fuzzer`): one libFuzzer
// executable per decoder fed from the network or disk (docs/fuzzing.md). Each links only the modules
// its decoder lives in, so the instrumented build stays a fraction of the whole package.
if Context.environment["LEADSTREAM_FUZZ"] != nil {
    // libFuzzer's `LLVMFuzzerRunDriver`, declared for Swift: each target's main.swift calls it (SwiftPM
    // gives an executable its own `main`, so libFuzzer's cannot be the entry point).
    package.targets.append(.target(name: "CLibFuzzer", path: "Sources/Fuzz/CLibFuzzer"))
    package.targets.append(
        .target(name: "FuzzSupport", dependencies: ["LeadstreamCore", "CLibFuzzer"], path: "Sources/Fuzz/FuzzSupport",
            swiftSettings: swiftSettings))
    let fuzzers: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzEventLine", ["LeadstreamCore"]),
        ("FuzzRecordBlock", ["LeadstreamCore"]),
        ("FuzzPartial", ["LeadstreamCore"]),
        ("FuzzCheckpoint", ["LeadstreamCore"]),
        ("FuzzRouterMessage", ["LeadstreamWire", "LeadstreamCore"]),
        ("FuzzRequestBody", ["LeadstreamClients", "LeadstreamWire", "LeadstreamCore"]),
    ]
    for fuzzer in fuzzers {
        package.targets.append(
            .executableTarget(
                name: fuzzer.name, dependencies: fuzzer.dependencies + ["FuzzSupport"], path: "Sources/Fuzz/\(fuzzer.name)",
                swiftSettings: swiftSettings))
        package.products.append(.executable(name: fuzzer.name, targets: [fuzzer.name]))
    }
}
