//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamWire

/// What `leadstream validate` asks of the live state (docs/cluster.md, "Validation"): the figures of an
/// account's periods from one state, a repair with the account rebuilt from the journal, and, for tests
/// only, a corruption to find.
extension AggregateState {
    /// A `figures` request: `{"account": A, "periods": [P, …]}`; periods left out means every month with
    /// leads; the account left out asks for the accounts.
    struct FiguresRequest: Sendable {
        var account: String?
        var periods: [String]?

        init?(body: [UInt8]) {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
                return nil
            }
            guard object["account"] == nil || object["account"] is String,
                object["periods"] == nil || object["periods"] is [String]
            else { return nil }
            account = object["account"] as? String
            periods = object["periods"] as? [String]
        }
    }

    /// The reply to `figures`: `{"accounts": […]}`, or `{"account", "as_of": {"seq"}, "months", "figures":
    /// [{"asked", "period", "reports": {name: [[key, value], …]}}]}`, all from this one state.
    func figures(_ request: FiguresRequest) -> (WireFrames.Verb, [UInt8]) {
        guard let account = request.account else {
            let accounts = registry.accounts.keys.sorted().map { JSONValue.string($0) }
            return (.figures, Array(JSONValue.object([("accounts", .array(accounts))]).compact.utf8))
        }
        let state = registry.account(account)
        let months = state.monthsWithLeads
        var sets: [JSONValue] = []
        for asked in request.periods ?? months {
            do throws(Rejection) {
                let set = try FigureSet(account: account, period: asked, zone: state.settings.zone) {
                    (r) throws(Rejection) in try run(r)
                }
                let reports = set.reports.map { ($0.name, $0.cells.encoded) }
                sets.append(.object([("asked", .string(asked)), ("period", .string(set.period)), ("reports", .object(reports))]))
            } catch {
                return (.error, error.wireBody)
            }
        }
        let body = JSONValue.object([
            ("account", .string(account)), ("as_of", .object([("seq", .int(state.accepted))])),
            ("months", .array(months.map { .string($0) })), ("figures", .array(sets)),
        ])
        return (.figures, Array(body.compact.utf8))
    }

    /// Replaces an account with its state rebuilt from the journal (`RegistryCodec`, that account alone),
    /// if the live account is at the same `as_of` (else `conflict`: events were merged meanwhile, and the
    /// validation is to be run again). Its tally is counted again from the rebuilt rows.
    mutating func repair(_ body: [UInt8]) -> (reply: (WireFrames.Verb, [UInt8]), account: String?) {
        guard let (rebuilt, rebuiltNames) = RegistryCodec.decode(body), rebuilt.accounts.count == 1,
            let (account, state) = rebuilt.accounts.first
        else {
            return ((.error, Rejection(.invalidValue, field: nil, "not one account's state").wireBody), nil)
        }
        guard let id = names.accounts.id(account), Int(id) < tallies.count, rebuiltNames.accounts.id(account) == id
        else {
            return ((.error, Rejection(.invalidValue, field: "account", "'\(account)' is not merged here").wireBody), nil)
        }
        let live = registry.account(account).accepted
        guard live == state.accepted else {
            let why = "the account is at as_of \(live) here, the repair at \(state.accepted): validate again"
            return ((.error, Rejection(.conflict, field: "account", why).wireBody), nil)
        }
        replace(account, id: id, with: state)
        let body = JSONValue.object([("account", .string(account)), ("as_of", .object([("seq", .int(live))]))])
        return ((.repaired, Array(body.compact.utf8)), account)
    }

    /// The test hook: adds one to the account's first tally cell (first day, least cell) and changes the
    /// current status of its first live lead, each where only some reports read it (the tally: executive,
    /// summary and widget; the row: the summary with history). Says what it changed.
    mutating func corrupt(account: String) -> (reply: (WireFrames.Verb, [UInt8]), account: String?) {
        guard let id = names.accounts.id(account), Int(id) < tallies.count,
            let day = tallies[Int(id)].days.keys.min(),
            let cell = tallies[Int(id)].days[day]?.keys.min(by: { ($0.people, $0.rest) < ($1.people, $1.rest) }),
            let row = registry.account(account).leads.firstIndex(where: { !$0.deleted })
        else {
            return ((.error, Rejection(.invalidValue, field: "account", "'\(account)' has no live lead here").wireBody), nil)
        }
        let lead = registry.account(account).leads[row]
        let was = lead.status
        let now: LeadStatus = was == .converted ? .lost : .converted
        damage(id: id, day: day, cell: cell, account: account, row: row, status: now)
        let body = JSONValue.object([
            ("account", .string(account)),
            ("tally", .object([("day", .string(day.isoString)), ("month", .string(Period.month(containing: day).id))])),
            ("row", .object([
                ("lead_id", .string(lead.leadID)), ("month", .string(Period.month(containing: lead.createdDay).id)),
                ("status_was", .string(was.name)), ("status_now", .string(now.name)),
            ])),
        ])
        return ((.corrupted, Array(body.compact.utf8)), account)
    }
}
