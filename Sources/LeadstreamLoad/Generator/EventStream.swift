//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

/// A seeded, endless stream of realistic SPEC §2 events as NDJSON, for
/// `leadstream load` and `leadstream run --demo`.
///
/// It is a Swift port of the essentials of `tools/gen-events` (not byte for
/// byte): a few accounts of very different sizes (the first is the busiest),
/// each opening with its settings; offices with their users; leads from
/// weighted sources walking a funnel with reassignments; manual imports later
/// fixed to an organic source; deletes; rare settings changes (timezone
/// changes re-bucket an account); and a small share of client retries (exact
/// copies of recent lines, which the gateway acknowledges as duplicates).
/// Every other line is accepted by SPEC §2's rules.
///
/// The same seed and configuration give the same bytes, however the stream
/// is cut into batches. Event ids are `e<number>`, so two streams with the
/// same seed sent to one cluster collide: use a fresh data folder or seed.
///
/// ```swift
/// var stream = EventStream(seed: 7, accounts: 5)
/// let ndjson = stream.nextBatch(count: 1_000)  // 1,000 lines, each ending in "\n"
/// ```
public struct EventStream: Sendable {
    public struct Configuration: Sendable {
        public var seed: UInt64
        /// Accounts, busiest first (Zipf-like sizes).
        public var accounts: Int
        /// The UTC day the first event happens on.
        public var startDay: Day
        /// How fast `occurred_at` advances: the events of one simulated day.
        public var eventsPerDay: Int
        /// The share of lines that repeat a recent line (a client retry, a duplicate).
        public var retryRate: Double
        /// Each line happens when it is written (`run --demo`: today's figures move), instead of on
        /// the simulated clock of `startDay` and `eventsPerDay` (reproducible streams, `load`).
        public var wallClock = false

        public init(
            seed: UInt64, accounts: Int = 5, startDay: Day = Day(year: 2026, month: 9, day: 1)!,
            eventsPerDay: Int = 8_000, retryRate: Double = 0.002
        ) {
            self.seed = seed
            self.accounts = max(1, accounts)
            self.startDay = startDay
            self.eventsPerDay = max(1, eventsPerDay)
            self.retryRate = retryRate
        }
    }

    public let configuration: Configuration
    /// Lines written so far.
    public private(set) var lines = 0
    /// Of those, the repeats of earlier lines: the duplicates a gateway will acknowledge.
    public private(set) var retries = 0

    var rng: SeededRandom
    var accounts: [SimulatedAccount]
    private let accountPick: WeightedPick<Int>
    /// Event ids written, retries excluded.
    var events = 0
    /// Recent lines a client might send again (a ring; slots reuse their storage).
    private var recent: [[UInt8]] = []
    private var recentNext = 0

    public init(configuration: Configuration) {
        self.configuration = configuration
        rng = SeededRandom(seed: configuration.seed)
        var accounts: [SimulatedAccount] = []
        for i in 0..<configuration.accounts {
            let name = i < Vocabulary.accountNames.count ? Vocabulary.accountNames[i] : "acct-\(i)"
            accounts.append(SimulatedAccount(name: name, busiest: i == 0, rng: &rng))
        }
        self.accounts = accounts
        accountPick = WeightedPick((0..<accounts.count).map { ($0, Self.zipfWeight(rank: $0 + 1)) })
    }

    public init(seed: UInt64, accounts: Int = 5, startDay: Day = Day(year: 2026, month: 9, day: 1)!) {
        self.init(configuration: Configuration(seed: seed, accounts: accounts, startDay: startDay))
    }

    /// The account names, busiest first.
    public var accountNames: [String] { accounts.map(\.name) }

    /// The next `count` lines, each followed by `"\n"`.
    public mutating func nextBatch(count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 190)
        append(count: count, to: &bytes)
        return bytes
    }

    /// Appends the next `count` lines to `bytes`.
    public mutating func append(count: Int, to bytes: inout [UInt8]) {
        var writer = LineWriter(into: [])
        swap(&writer.bytes, &bytes)
        for _ in 0..<count { writeLine(&writer) }
        swap(&writer.bytes, &bytes)
    }

    private mutating func writeLine(_ w: inout LineWriter) {
        defer { lines += 1 }
        if lines < accounts.count {
            writeSettings(account: lines, first: true, at: time(), to: &w)
            return
        }
        let at = time()
        let a = accountPick.pick(&rng)
        let r = rng.unit()
        if r < configuration.retryRate, !recent.isEmpty {
            w.bytes.append(contentsOf: recent[rng.below(recent.count)])
            retries += 1
            return
        }
        let start = w.bytes.count
        if r < 0.9999 {
            let kind = rng.unit()
            if kind < 0.30 || accounts[a].open.isEmpty {
                writeCreated(account: a, at: at, to: &w)
            } else if kind < 0.955 {
                writeStatusChange(account: a, at: at, to: &w)
            } else if kind < 0.99 {
                writeSourceChange(account: a, at: at, to: &w)
            } else {
                writeDelete(account: a, at: at, to: &w)
            }
        } else {
            writeSettings(account: a, first: false, at: at, to: &w)
        }
        remember(w.bytes[start...])
    }

    /// The simulated time of the current line (microseconds since the epoch, UTC).
    private func time() -> Int64 {
        if configuration.wallClock { return Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)) }
        let startMicros = Int64(configuration.startDay.number) * 86_400_000_000
        return startMicros + Int64(lines) * 86_400_000_000 / Int64(configuration.eventsPerDay)
    }

    private mutating func remember(_ line: ArraySlice<UInt8>) {
        if recent.count < 64 {
            recent.append(Array(line))
        } else {
            recent[recentNext].removeAll(keepingCapacity: true)
            recent[recentNext].append(contentsOf: line)
            recentNext = (recentNext + 1) % 64
        }
    }

    /// `1 / rank^1.1`, the accounts' Zipf-like sizes. `rank^0.1` comes from Newton's
    /// method on r¹⁰ = rank: plain arithmetic, so the weights are the same everywhere.
    private static func zipfWeight(rank: Int) -> Double {
        let x = Double(rank)
        var r = 1.0 + (x - 1) / 10
        for _ in 0..<60 {
            let r9 = r * r * r * r * r * r * r * r * r
            r -= (r9 * r - x) / (10 * r9)
        }
        return 1 / (x * r)
    }
}
