//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// When the aggregator last heard from the gateway, and the head it last heard: how far behind it may be while
/// the gateway is unreachable (docs/cluster.md, "The gateway unreachable").
///
/// Reports keep answering from what is merged meanwhile (a query's `head` request is released after 2 s); this
/// is what tells an operator those answers may be stale, on /metrics and once in the log each way.
/// An answered `head` or `replay` is contact, and so is a partial arriving: its block was forwarded by the
/// gateway moments before, and while partials flow the loop does not ask `head`.
struct GatewayContact {
    private(set) var lastContact: ContinuousClock.Instant
    /// The gateway's last committed sequence as last told (nil: never answered since start).
    private(set) var lastHead: UInt64?
    /// Since when `head` has gone unanswered; nil while in contact.
    private(set) var unreachableSince: ContinuousClock.Instant?

    init(now: ContinuousClock.Instant) { lastContact = now }

    /// What a contact or a missed answer changed, for the log.
    enum Change: Equatable {
        case none
        /// The first unanswered `head` after contact.
        case lost
        /// An answer after being unreachable this long.
        case regained(Duration)
    }

    mutating func heard(at now: ContinuousClock.Instant, head: UInt64? = nil) -> Change {
        lastContact = now
        if let head { lastHead = max(head, lastHead ?? 0) }
        guard let since = unreachableSince else { return .none }
        unreachableSince = nil
        return .regained(now - since)
    }

    mutating func missed(at now: ContinuousClock.Instant) -> Change {
        guard unreachableSince == nil else { return .none }
        unreachableSince = now
        return .lost
    }

    func secondsSinceContact(at now: ContinuousClock.Instant) -> Double {
        Double((now - lastContact) / .milliseconds(1)) / 1000
    }
}
