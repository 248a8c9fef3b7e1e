//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// The event streams the aggregator tests replay, generated here from a seed
/// so the tests need nothing beside the repository.
///
/// Each stream is named for what it stresses (the names the tests used when
/// they read the contract's fixture folders); every one is NDJSON text, so it
/// goes through the same decoder as a real upload. The tests compare the
/// merged state's answers with the offline registry's over the same stream,
/// never with hard-coded figures, so any stream with these shapes keeps them
/// meaningful.
enum TestStream {
    /// The NDJSON lines of the stream called `name`; nil for an unknown name.
    static func lines(_ name: String) -> [String]? {
        guard let recipe = recipes[name] else { return nil }
        var generator = StreamGenerator(recipe)
        return generator.lines()
    }

    static let recipes: [String: StreamRecipe] = [
        // Sources and conversions across weeks and months (W47 of 2026 included), two offices filters select.
        "01-executive": StreamRecipe(seed: 1, accounts: ["acme"], leads: 60),
        // Statuses, reassignments and history for several offices and users.
        "02-dashboard": StreamRecipe(seed: 2, accounts: ["acme", "beta"], leads: 70, changesPerLead: 3),
        // Unqualified leads, active widget sources, an account with the widget turned off.
        "03-widget": StreamRecipe(seed: 3, accounts: ["acme", "dark"], leads: 80, widgetSettings: true),
        // Timezones set and changed mid-stream: every lead of the account moves to other days.
        "04-timezones": StreamRecipe(seed: 4, accounts: ["kat", "chi"], leads: 40, timezoneMoves: true),
        // Rejected lines of every kind between valid ones.
        "05-invalid": StreamRecipe(seed: 5, accounts: ["acme"], leads: 40, invalidLines: true),
        // Few leads spread over a whole year, for periods of every kind.
        "06-periods": StreamRecipe(seed: 6, accounts: ["tok"], leads: 25, firstDay: "2026-01-01", days: 365),
    ]
}

/// What a generated stream holds; the generator draws everything else from `seed`.
struct StreamRecipe {
    var seed: UInt64
    var accounts: [String]
    var leads: Int
    /// Status and source changes (and a few deletes) per lead, on average.
    var changesPerLead = 2
    var widgetSettings = false
    var timezoneMoves = false
    var invalidLines = false
    /// The first created day (UTC) and how many days the leads span.
    var firstDay = "2026-10-20"
    var days = 50
}

/// Writes a recipe's stream: leads created, moved through statuses, re-sourced
/// and deleted, in an order that is not the order of their times (as a real
/// upload is), with times near midnight so timezones matter.
struct StreamGenerator {
    let recipe: StreamRecipe
    var random: SplitMix64
    var out: [String] = []
    var serial = 0
    var leadsMade = 0
    var changesMade = 0
    var invalidMade = 0
    /// Per account, the leads not deleted.
    var live: [String: [String]] = [:]

    static let sources = ["web_chat", "form", "ai_receptionist", "phone", "mail", "api", "chat", "other",
                          "bulk_import", "crm_ui"]
    static let statuses = ["unqualified", "new", "dispatched", "accepted", "rejected", "revoked", "converted", "lost"]
    static let offices = ["o1", "o2", "o10", "south"]
    static let users = ["", "u1", "u2", "ann.o1"]
    static let zones = ["UTC", "America/Chicago", "Asia/Kathmandu", "Pacific/Auckland"]

    init(_ recipe: StreamRecipe) {
        self.recipe = recipe
        random = SplitMix64(seed: recipe.seed)
    }

    mutating func lines() -> [String] {
        for account in recipe.accounts { openingSettings(account) }
        let changes = recipe.leads * recipe.changesPerLead
        var moved = false
        // Interleaved: a change names a lead created before it in the stream.
        while leadsMade < recipe.leads || changesMade < changes {
            let account = pick(recipe.accounts)
            if leadsMade < recipe.leads && (live[account, default: []].isEmpty || chance(0.35)) {
                create(account)
            } else if let lead = live[account]?.randomElement(using: &random) {
                change(account, lead)
            } else {
                changesMade += 1  // every lead of the account deleted: count the turn, so the loop ends
            }
            if recipe.timezoneMoves && !moved && leadsMade * 2 >= recipe.leads {
                moveTimezones()
                moved = true
            }
            if recipe.invalidLines && chance(0.15) { invalid(account) }
        }
        return out
    }

    // MARK: events

    mutating func openingSettings(_ account: String) {
        var fields: [String: String] = [:]
        if recipe.timezoneMoves { fields["timezone"] = quoted(pick(Self.zones)) }
        if recipe.widgetSettings {
            if account == recipe.accounts.last && recipe.accounts.count > 1 {
                fields["unqualified_enabled"] = "false"
            } else {
                fields["active_sources"] = #"["site", "phone", "chat"]"#
            }
        }
        if !fields.isEmpty { emit("account.settings", account, at: 0, fields) }
    }

    mutating func moveTimezones() {
        for account in recipe.accounts { emit("account.settings", account, at: 0, ["timezone": quoted(pick(Self.zones))]) }
    }

    mutating func create(_ account: String) {
        leadsMade += 1
        let lead = "L\(leadsMade)"
        var fields = ["lead_id": quoted(lead), "office": quoted(pick(Self.offices)), "source": quoted(pick(Self.sources))]
        if chance(0.7) { fields["user"] = quoted(pick(Self.users)) }
        if chance(0.5) { fields["campaign"] = quoted(pick(["", "spring", "fall-2026"])) }
        if chance(0.6) { fields["lead_type"] = quoted(pick(["advisor", "business", "contact"])) }
        let initial = recipe.widgetSettings ? (chance(0.6) ? "unqualified" : "new") : pick(Self.statuses)
        if chance(0.8) || initial != "new" { fields["status"] = quoted(initial) }
        emit("lead.created", account, at: randomTime(), fields)
        live[account, default: []].append(lead)
    }

    mutating func change(_ account: String, _ lead: String) {
        changesMade += 1
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.7 {
            var fields = ["lead_id": quoted(lead), "status": quoted(pick(Self.statuses))]
            if chance(0.3) { fields["user"] = quoted(pick(Self.users)) }
            emit("lead.status_changed", account, at: randomTime(), fields)
        } else if roll < 0.95 {
            emit("lead.source_changed", account, at: randomTime(), ["lead_id": quoted(lead), "source": quoted(pick(Self.sources))])
        } else {
            live[account]?.removeAll { $0 == lead }
            emit("lead.deleted", account, at: randomTime(), ["lead_id": quoted(lead)])
        }
    }

    /// A rejected line, or a retry of an earlier line (a duplicate); the kinds take turns, so a stream
    /// with a few dozen of them has every kind.
    mutating func invalid(_ account: String) {
        serial += 1
        invalidMade += 1
        let id = "bad\(serial)"
        let at = "2026-11-20T10:00:00Z"
        switch invalidMade % 9 {
        case 0: out.append(#"{"type": "lead.created", "event_id": "\#(id)", "account": "#)
        case 1: out.append(#"{"type": "lead.merged", "event_id": "\#(id)", "account": "\#(account)", "occurred_at": "\#(at)"}"#)
        case 2: out.append(#"{"type": "lead.deleted", "event_id": "\#(id)", "account": "\#(account)", "occurred_at": "\#(at)"}"#)
        case 3: out.append(#"{"type": "lead.deleted", "event_id": "\#(id)", "account": "\#(account)", "occurred_at": "2026-11-20 10:00:00", "lead_id": "L1"}"#)
        case 4: out.append(#"{"type": "lead.deleted", "event_id": "\#(id)", "account": "\#(account)", "occurred_at": "\#(at)", "lead_id": "never-made"}"#)
        case 5: out.append(#"{"type": "lead.created", "event_id": "\#(id)", "account": "\#(account)", "occurred_at": "\#(at)", "lead_id": "x", "office": "o1", "source": "fax"}"#)
        case 6: out.append(#"{"type": "account.settings", "event_id": "\#(id)", "account": "\#(account)", "occurred_at": "\#(at)", "timezone": "Mars/Olympus"}"#)
        case 7: out.append(#"{"type": "lead.created", "event_id": "\#(id)", "account": "\#(recipe.accounts[0])", "occurred_at": "\#(at)", "lead_id": "L1", "office": "o1", "source": "form"}"#)
        default: if let earlier = out.last(where: { $0.contains(#""account": "\#(account)""#) }) { out.append(earlier) }
        }
    }

    // MARK: lines

    mutating func emit(_ type: String, _ account: String, at seconds: Int, _ fields: [String: String]) {
        serial += 1
        let time = seconds == 0 ? "2026-01-01T00:00:00Z" : Self.rfc3339(seconds)
        var line = #"{"type": "\#(type)", "event_id": "e\#(serial)", "account": "\#(account)", "occurred_at": "\#(time)""#
        for key in fields.keys.sorted() { line += #", "\#(key)": \#(fields[key]!)"# }
        out.append(line + "}")
    }

    /// Seconds since the epoch within the recipe's days, a third of them within two hours of a UTC midnight.
    mutating func randomTime() -> Int {
        let first = Self.epochSeconds(recipe.firstDay)
        let day = Int.random(in: 0..<recipe.days, using: &random)
        let second = chance(0.33) ? (Int.random(in: -7200..<7200, using: &random) + 86400) % 86400
            : Int.random(in: 0..<86400, using: &random)
        return first + day * 86400 + second
    }

    static func epochSeconds(_ day: String) -> Int {
        let parts = day.split(separator: "-").map { Int($0)! }
        return Self.daysFromCivil(parts[0], parts[1], parts[2]) * 86400
    }

    static func rfc3339(_ seconds: Int) -> String {
        let (y, m, d) = civil(fromDays: seconds / 86400)
        let s = seconds % 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        return era * 146097 + (yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    func quoted(_ s: String) -> String { "\"\(s)\"" }
}
