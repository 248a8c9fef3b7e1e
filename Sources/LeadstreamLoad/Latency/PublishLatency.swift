//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Capture→publish latency: how long after a batch was sent a subscriber
/// first saw live results that include it.
///
/// A published report carries `as_of.seq`, the number of *its account's*
/// accepted events it reflects. Load counts each account's accepted events
/// through every acknowledged batch, so a batch is visible to an account's
/// topics from the first message of that account whose `as_of.seq` reaches
/// the account's count through the batch; the batch's latency is the latest
/// of those over its accounts (all of it visible). An account whose later
/// events changed no figure may never be republished: such an account is left
/// out of its batch's match, and a batch no account shows is `unmatched`.
/// Times are nanoseconds on one monotonic clock.
public enum PublishLatency {
    /// An account's accepted-event count a batch brought it to.
    public struct Target: Hashable, Sendable {
        public var account: String
        public var sequence: UInt64
        public init(account: String, sequence: UInt64) {
            self.account = account
            self.sequence = sequence
        }
    }

    /// A batch the gateway acknowledged: when it was first sent and what it brought each of its accounts to.
    public struct Batch: Hashable, Sendable {
        public var sentAt: UInt64
        public var targets: [Target]
        public init(sentAt: UInt64, targets: [Target]) {
            self.sentAt = sentAt
            self.targets = targets
        }
    }

    /// One message a subscriber received: when, its topic's account and the `as_of.seq` it carried.
    public struct Observation: Hashable, Sendable {
        public var receivedAt: UInt64
        public var account: String
        public var sequence: UInt64
        public init(receivedAt: UInt64, account: String, sequence: UInt64) {
            self.receivedAt = receivedAt
            self.account = account
            self.sequence = sequence
        }
    }

    public struct Result: Hashable, Sendable {
        /// Nanoseconds, one per matched batch, in batch order.
        public var latencies: [UInt64]
        /// Batches no observed message shows (the run ended before one was published).
        public var unmatched: Int
    }

    /// Matches every batch to the messages, in receive order, that show it.
    ///
    /// An account's topics may carry sequences out of order (they are built
    /// in turn), so each account's search runs over its running maximum, which
    /// is sorted. O((targets + observations) · log observations).
    /// - Parameters:
    ///   - batches: in any order.
    ///   - observations: in the order they were received.
    public static func match(batches: [Batch], observations: [Observation]) -> Result {
        var timeline: [String: (runningMax: [UInt64], at: [UInt64])] = [:]
        for o in observations {
            var t = timeline[o.account, default: ([], [])]
            t.runningMax.append(max(t.runningMax.last ?? 0, o.sequence))
            t.at.append(o.receivedAt)
            timeline[o.account] = t
        }
        var latencies: [UInt64] = []
        latencies.reserveCapacity(batches.count)
        var unmatched = 0
        for b in batches {
            var seen: UInt64?
            for target in b.targets {
                guard let t = timeline[target.account] else { continue }
                var lo = 0
                var hi = t.runningMax.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if t.runningMax[mid] >= target.sequence { hi = mid } else { lo = mid + 1 }
                }
                if lo < t.at.count { seen = max(seen ?? 0, t.at[lo]) }
            }
            guard let seen else {
                unmatched += 1
                continue
            }
            latencies.append(seen > b.sentAt ? seen - b.sentAt : 0)
        }
        return Result(latencies: latencies, unmatched: unmatched)
    }
}
