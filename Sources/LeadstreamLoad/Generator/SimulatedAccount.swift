//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// What the generator remembers of one account so that every event it writes
/// is one SPEC §2 accepts: which leads exist, their office, status and source.
struct SimulatedAccount: Sendable {
    /// The facts of one lead the generator created; `deleted` leads stay so numbers stay dense.
    struct LeadFacts: Sendable {
        var office: Int
        var status: LeadStatus
        var source: Source
        var deleted = false
    }

    let name: String
    let offices: [String]
    /// Users of each office (`users[i]` belong to `offices[i]`).
    let users: [[String]]
    /// Nil: the account never names a timezone (UTC).
    let timezone: String?
    let isBusiest: Bool

    /// Lead `L<n>` is `leads[n - 1]`.
    var leads: [LeadFacts] = []
    /// Leads still in the funnel, by number; deleted ones are dropped lazily when drawn.
    var open: [Int] = []
    /// Leads not deleted, by number (swap-remove on delete).
    var live: [Int] = []

    init(name: String, busiest: Bool, rng: inout SeededRandom) {
        self.name = name
        isBusiest = busiest
        let officeCount = rng.within(3...20)
        offices = (1...officeCount).map { "o\($0)" }
        users = offices.map { office in
            (0..<rng.within(1...8)).map { "\(rng.element(of: Vocabulary.firstNames)).\(office).\($0)" }
        }
        let zones = Vocabulary.timezones.map { Optional($0) } + [nil]
        timezone = busiest ? nil : rng.element(of: zones)
    }
}

/// The names and weights the stream is drawn from (those of tools/gen-events).
enum Vocabulary {
    static let accountNames = [
        "acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell", "cyberdyne", "soylent", "wonka",
        "gringotts",
    ]
    static let timezones = [
        "UTC", "America/Chicago", "Asia/Kathmandu", "Europe/Berlin", "America/New_York", "Australia/Sydney",
        "Asia/Kolkata", "America/Los_Angeles",
    ]
    static let firstNames = [
        "amy", "bob", "carla", "dev", "erin", "farid", "gus", "hana", "ivan", "jo", "kemal", "lena", "mo", "nina", "omar",
        "pia",
    ]
    static let widgetSources = ["site", "phone", "mail", "api", "chat"]
    /// Organic sources a manual import is later fixed to.
    static let fixSources: [Source] = [.form, .phone, .mail, .webChat, .api]
    /// Offsets (minutes) producers write their clocks in: UTC, US, Europe, India, Nepal.
    static let offsets = [0, 0, 0, 0, -360, -300, -420, 60, 120, 330, 345]

    static let sources = WeightedPick<Source>([
        (.webChat, 22), (.form, 20), (.aiReceptionist, 12), (.phone, 12), (.mail, 8), (.api, 6), (.chat, 8),
        (.other, 3), (.bulkImport, 6), (.crmUI, 3),
    ])
    /// Nil: the field is left out (SPEC §2 default `contact`).
    static let leadTypes = WeightedPick<String?>([(nil, 40), ("contact", 25), ("advisor", 18), ("business", 17)])
    /// Nil: left out; "": explicitly none.
    static let campaigns = WeightedPick<String?>([
        (nil, 35), ("", 10), ("spring-promo", 12), ("fall-2026", 15), ("google-ads", 14), ("referral", 8),
        ("webinar:q4", 6),
    ])
    static let initialStatuses = WeightedPick<LeadStatus>([
        (.new, 58), (.unqualified, 36), (.dispatched, 4), (.accepted, 2),
    ])
    /// The funnel: the next statuses of each open status; converted and lost end it.
    static let funnel: [LeadStatus: WeightedPick<LeadStatus>] = [
        .unqualified: WeightedPick([(.new, 50), (.dispatched, 20), (.lost, 30)]),
        .new: WeightedPick([(.dispatched, 80), (.lost, 20)]),
        .dispatched: WeightedPick([(.accepted, 60), (.rejected, 40)]),
        .accepted: WeightedPick([(.converted, 45), (.lost, 30), (.revoked, 25)]),
        .rejected: WeightedPick([(.dispatched, 60), (.lost, 40)]),
        .revoked: WeightedPick([(.dispatched, 50), (.accepted, 50)]),
    ]
}
