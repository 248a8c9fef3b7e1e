//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Capture→publish latency: how long after a batch was sent a subscriber
/// first saw a live result that includes it.
///
/// A published report carries `as_of.seq`, the journal sequence it reflects,
/// and the gateway's ack gives each batch's `last_seq`; so the batch is
/// visible from the first message (of any topic) whose `as_of.seq ≥ last_seq`.
/// Times are nanoseconds on one monotonic clock.
public enum PublishLatency {
    /// A batch the gateway acknowledged: when it was first sent and its last sequence number.
    public struct Batch: Hashable, Sendable {
        public var sentAt: UInt64
        public var lastSequence: UInt64
        public init(sentAt: UInt64, lastSequence: UInt64) {
            self.sentAt = sentAt
            self.lastSequence = lastSequence
        }
    }

    /// One message a subscriber received: when, and the `as_of.seq` it carried.
    public struct Observation: Hashable, Sendable {
        public var receivedAt: UInt64
        public var sequence: UInt64
        public init(receivedAt: UInt64, sequence: UInt64) {
            self.receivedAt = receivedAt
            self.sequence = sequence
        }
    }

    public struct Result: Hashable, Sendable {
        /// Nanoseconds, one per matched batch, in batch order.
        public var latencies: [UInt64]
        /// Batches no observed message covers (the run ended before one was published).
        public var unmatched: Int
    }

    /// Matches every batch to the first observation, in receive order, that covers it.
    ///
    /// Messages of different topics may carry sequences out of order, so the
    /// search runs over the running maximum, which is sorted: the first index
    /// whose running maximum reaches `lastSequence` is the first message that
    /// does. O((batches + observations) · log observations).
    /// - Parameters:
    ///   - batches: in any order.
    ///   - observations: in the order they were received.
    public static func match(batches: [Batch], observations: [Observation]) -> Result {
        var runningMax: [UInt64] = []
        runningMax.reserveCapacity(observations.count)
        var top: UInt64 = 0
        for o in observations {
            top = max(top, o.sequence)
            runningMax.append(top)
        }
        var latencies: [UInt64] = []
        latencies.reserveCapacity(batches.count)
        var unmatched = 0
        for b in batches {
            var lo = 0
            var hi = runningMax.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if runningMax[mid] >= b.lastSequence { hi = mid } else { lo = mid + 1 }
            }
            guard lo < observations.count else {
                unmatched += 1
                continue
            }
            let seen = observations[lo].receivedAt
            latencies.append(seen > b.sentAt ? seen - b.sentAt : 0)
        }
        return Result(latencies: latencies, unmatched: unmatched)
    }
}
