//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

// Micro-benchmark of EventDecoder: decode + validate throughput on one core.
//
// Not a package target: tools/bench-decode.sh compiles this file together
// with the LeadstreamCore sources (and the load generator's SeededRandom) into
// one optimised module, so the numbers are those of a release build without
// SwiftPM in the way.
//
// Usage: bench-decode [events]   (default 1,000,000)

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `count` realistic NDJSON events: 40 % created, 40 % status changes,
/// 10 % source changes, 5 % settings, 5 % deletions; ids of 10–20 characters.
func makeEvents(_ count: Int) -> [UInt8] {
    var rng = SeededRandom(seed: 42)  // the load generator's: the same input every run
    let sources = Source.allCases.map(\.name)
    let statuses = LeadStatus.allCases.map(\.name)
    let types = LeadType.allCases.map(\.name)
    let accounts = (0..<50).map { "acct-\(10_000 + $0 * 37)" }
    let offices = (0..<20).map { "office-\($0)" }
    let users = (0..<200).map { "user.\(1000 + $0)@crm" }
    var out: [UInt8] = []
    out.reserveCapacity(count * 230)
    for i in 0..<count {
        let r = rng.below(100)
        let head =
            #"{"type": "%@", "event_id": "evt-\#(String(i + 1_000_000, radix: 16))-\#(rng.below(9999))", "#
            + #""account": "\#(accounts[rng.below(accounts.count)])", "#
            + #""occurred_at": "2026-11-\#(10 + rng.below(18))T\#(10 + rng.below(13)):\#(10 + rng.below(50)):\#(10 + rng.below(50)).\#(100 + rng.below(900))Z", "#
        let lead = #""lead_id": "lead-\#(rng.below(5_000_000))""#
        let line: String
        switch r {
        case 0..<40:
            line =
                head.replacing("%@", with: "lead.created") + lead
                + #", "office": "\#(offices[rng.below(offices.count)])", "source": "\#(sources[rng.below(sources.count)])""#
                + #", "user": "\#(users[rng.below(users.count)])", "campaign": "cmp-2026-\#(rng.below(40))""#
                + #", "lead_type": "\#(types[rng.below(3)])", "status": "\#(statuses[rng.below(2)])"}"#
        case 40..<80:
            let user = rng.below(3) == 0 ? #", "user": "\#(users[rng.below(users.count)])""# : ""
            line =
                head.replacing("%@", with: "lead.status_changed") + lead
                + #", "status": "\#(statuses[rng.below(statuses.count)])"\#(user)}"#
        case 80..<90:
            line =
                head.replacing("%@", with: "lead.source_changed") + lead
                + #", "source": "\#(sources[rng.below(sources.count)])"}"#
        case 90..<95:
            line =
                head.replacing("%@", with: "account.settings")
                + #""timezone": "America/Chicago", "unqualified_enabled": true, "active_sources": ["site", "phone", "chat"]}"#
        default:
            line = head.replacing("%@", with: "lead.deleted") + lead + "}"
        }
        out.append(contentsOf: line.utf8)
        out.append(0x0A)
    }
    return out
}

func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let input = makeEvents(count)
print("\(count) events, \(input.count / 1_048_576) MiB, \(input.count / count) bytes/event on average")

var rates: [Double] = []
for run in 1...5 {
    var accepted = 0
    var rejected = 0
    var checksum: Int64 = 0
    let start = seconds()
    input.withUnsafeBytes { buffer in
        for line in NDJSONLines(buffer) {
            switch EventDecoder.decode(line.bytes) {
            case .event(let e):
                accepted += 1
                checksum &+= e.occurredAt.microseconds
            case .rejected: rejected += 1
            case .blank: break
            }
        }
    }
    let elapsed = seconds() - start
    rates.append(Double(count) / elapsed)
    print(
        "run \(run): \(Int(Double(count) / elapsed)) events/s (\(accepted) accepted, \(rejected) rejected, checksum \(checksum))"
    )
    precondition(rejected == 0, "the generated events must all be valid")
}
rates.sort()
print("median: \(Int(rates[2])) events/s on one core")
