//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// One writer per event type; each keeps `SimulatedAccount` in step with what it wrote,
/// so that the next event about a lead is one SPEC §2 accepts.
extension EventStream {
    /// `type`, `event_id`, `account` and `occurred_at`, the four fields every event has.
    private mutating func header(_ type: String, account: Int, at micros: Int64, to w: inout LineWriter) {
        events += 1
        w.begin()
        w.string("type", type)
        w.numbered("event_id", prefix: UInt8(ascii: "e"), events, width: 9)
        w.string("account", accounts[account].name)
        // Producers' clocks: mostly a little off, sometimes an hour late (queued deliveries).
        let skew = rng.chance(0.97) ? rng.gaussian(sigma: 40) : -rng.unit() * 3600
        let offset = Vocabulary.offsets[rng.below(Vocabulary.offsets.count)]
        let digits = [0, 0, 3, 6][rng.below(4)]
        w.timestamp("occurred_at", microseconds: micros + Int64(skew * 1e6), offsetMinutes: offset, fractionDigits: digits)
    }

    mutating func writeSettings(account a: Int, first: Bool, at: Int64, to w: inout LineWriter) {
        header("account.settings", account: a, at: at, to: &w)
        let busiest = accounts[a].isBusiest
        if first {
            if let zone = accounts[a].timezone { w.string("timezone", zone) }
            if !busiest, rng.chance(0.3) { w.strings("active_sources", sample(rng.within(0...4))) }
        } else if !busiest, rng.chance(0.1) {
            w.string("timezone", rng.element(of: Vocabulary.timezones))  // re-buckets every lead of the account
        } else if rng.chance(0.5) {
            w.bool("unqualified_enabled", busiest || rng.chance(0.7))
        } else {
            w.strings("active_sources", busiest ? Vocabulary.widgetSources : sample(3))
        }
        w.end()
    }

    /// `k` distinct widget sources, in canonical order.
    private mutating func sample(_ k: Int) -> [String] {
        var pool = Array(Vocabulary.widgetSources.indices)
        for i in 0..<k { pool.swapAt(i, i + rng.below(pool.count - i)) }
        return pool.prefix(k).sorted().map { Vocabulary.widgetSources[$0] }
    }

    mutating func writeCreated(account a: Int, at: Int64, to w: inout LineWriter) {
        header("lead.created", account: a, at: at, to: &w)
        let number = accounts[a].leads.count + 1
        let office = rng.below(accounts[a].offices.count)
        let source = Vocabulary.sources.pick(&rng)
        let status = Vocabulary.initialStatuses.pick(&rng)
        w.numbered("lead_id", prefix: UInt8(ascii: "L"), number)
        w.string("office", accounts[a].offices[office])
        w.string("source", source.name)
        if rng.chance(0.7) { w.string("user", rng.element(of: accounts[a].users[office])) }
        if let campaign = Vocabulary.campaigns.pick(&rng) { w.string("campaign", campaign) }
        if let type = Vocabulary.leadTypes.pick(&rng) { w.string("lead_type", type) }
        if status != .new || rng.chance(0.3) { w.string("status", status.name) }
        if rng.chance(0.02) { w.raw("utm", #"{"medium": "cpc", "term": "crm software"}"#) }  // ignored (SPEC §2)
        w.end()
        accounts[a].leads.append(.init(office: office, status: status, source: source))
        accounts[a].live.append(number)
        accounts[a].open.append(number)
    }

    mutating func writeStatusChange(account a: Int, at: Int64, to w: inout LineWriter) {
        let i = rng.below(accounts[a].open.count)
        let number = accounts[a].open[i]
        guard !accounts[a].leads[number - 1].deleted else {
            accounts[a].open.swapRemove(at: i)  // deleted since it was opened
            return writeCreated(account: a, at: at, to: &w)
        }
        let facts = accounts[a].leads[number - 1]
        guard let next = Vocabulary.funnel[facts.status]?.pick(&rng) else {
            accounts[a].open.swapRemove(at: i)
            return writeCreated(account: a, at: at, to: &w)
        }
        header("lead.status_changed", account: a, at: at, to: &w)
        w.numbered("lead_id", prefix: UInt8(ascii: "L"), number)
        w.string("status", next.name)
        let users = accounts[a].users[facts.office]
        if next == .dispatched {
            w.string("user", rng.element(of: users))  // dispatching assigns an advisor
        } else if rng.chance(0.05) {
            w.string("user", rng.element(of: users + [""]))  // reassigned, or back to unassigned
        }
        w.end()
        accounts[a].leads[number - 1].status = next
        if Vocabulary.funnel[next] == nil { accounts[a].open.swapRemove(at: i) }
    }

    mutating func writeSourceChange(account a: Int, at: Int64, to w: inout LineWriter) {
        guard !accounts[a].live.isEmpty else { return writeCreated(account: a, at: at, to: &w) }
        let number = accounts[a].live[rng.below(accounts[a].live.count)]
        let old = accounts[a].leads[number - 1].source
        let new = !old.isOrganic || rng.chance(0.5) ? rng.element(of: Vocabulary.fixSources) : Vocabulary.sources.pick(&rng)
        header("lead.source_changed", account: a, at: at, to: &w)
        w.numbered("lead_id", prefix: UInt8(ascii: "L"), number)
        w.string("source", new.name)
        w.end()
        accounts[a].leads[number - 1].source = new
    }

    mutating func writeDelete(account a: Int, at: Int64, to w: inout LineWriter) {
        guard !accounts[a].live.isEmpty else { return writeCreated(account: a, at: at, to: &w) }
        let i = rng.below(accounts[a].live.count)
        let number = accounts[a].live[i]
        accounts[a].live.swapRemove(at: i)
        accounts[a].leads[number - 1].deleted = true  // `open` forgets it lazily
        header("lead.deleted", account: a, at: at, to: &w)
        w.numbered("lead_id", prefix: UInt8(ascii: "L"), number)
        w.end()
    }
}

extension Array {
    /// Removes an element in O(1) by moving the last one into its place.
    mutating func swapRemove(at i: Int) {
        swapAt(i, count - 1)
        removeLast()
    }
}
