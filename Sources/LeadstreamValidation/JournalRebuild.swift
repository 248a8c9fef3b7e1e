//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// Accounts rebuilt from the journal's record blocks alone, each up to the
/// `as_of` its live figures were taken at: the journal's side of `validate`.
///
/// Accounts are independent (an event changes its own account only), so an
/// account capped at `n` events is exactly that account after its first `n`
/// accepted events, whatever the others did meanwhile. Nothing here reads the
/// aggregator's state: rows are merged from the records, and the reports are
/// counted from the rows, as offline mode counts them, not from the tallies
/// the workers' deltas built.
public struct JournalRebuild: Sendable {
    public private(set) var registry = LeadRegistry()
    public private(set) var names = InternedNames()
    /// Records that did not fit the rebuilt state (a corrupt journal): each a reason.
    public private(set) var refusals: [String] = []
    /// The journal's events read so far (every account's).
    public private(set) var eventsRead = 0

    private let caps: [String: Int]
    private let others: Bool
    /// By account id, once its name is defined: the cap (`Int.max` uncapped, -1 left out) and events merged.
    private var capByID: [Int] = [-1]
    private var mergedByID: [Int] = [0]
    private var openCaps: Int

    /// - Parameters:
    ///   - caps: the accounts to rebuild, each with its number of events (its live `as_of.seq`).
    ///   - others: rebuild every other account too, uncapped (`validate --all`: an account the live side
    ///     lacks is a difference too).
    public init(caps: [String: Int], others: Bool = false) {
        self.caps = caps
        self.others = others
        openCaps = caps.values.filter { $0 > 0 }.count
    }

    /// Whether reading further cannot change any rebuilt account: every capped account is complete, and no
    /// other account is rebuilt.
    public var isComplete: Bool { !others && openCaps == 0 }

    /// Merges one block (whose first event has sequence `first`) in journal order.
    public mutating func merge(_ block: RecordBlock) {
        block.forEach { entry in
            switch entry {
            case .account(let id, let name):
                let text = block.string(name)
                while capByID.count <= Int(id) {
                    capByID.append(-1)
                    mergedByID.append(0)
                }
                capByID[Int(id)] = caps[text] ?? (others ? Int.max : -1)
                apply(entry, block)
            case .erasedAccount(let id):
                while capByID.count <= Int(id) {
                    capByID.append(-1)
                    mergedByID.append(0)
                }
                capByID[Int(id)] = -1
                apply(entry, block)
            case .erased:
                eventsRead += 1
                apply(entry, block)
            case .name(let account, _, _):
                if included(account) { apply(entry, block) }
            case .created(let account, _, _, _, _), .updated(let account, _, _, _, _), .settings(let account, _, _, _, _):
                eventsRead += 1
                let a = Int(account)
                guard a < capByID.count, mergedByID[a] < capByID[a] else { return }
                mergedByID[a] += 1
                if mergedByID[a] == capByID[a], capByID[a] != Int.max { openCaps -= 1 }
                apply(entry, block)
            }
        }
    }

    private func included(_ account: UInt32) -> Bool {
        Int(account) < capByID.count && capByID[Int(account)] > 0
    }

    private mutating func apply(_ entry: RecordEntry, _ block: RecordBlock) {
        if case .refused(let why) = registry.merge(entry, of: block, names: &names, admitting: false) {
            refusals.append(why)
        }
    }
}
