//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension IngestClient {
    /// Hooks `leadstream load` uses to pace the batches and time each one;
    /// `send` does without (the defaults: no pacing, no callback).
    ///
    /// They are called on the sending thread, between socket calls, so they must be quick.
    public struct Observer {
        /// The earliest moment batch `index` (0-based) may first be sent: a fixed
        /// event rate is a schedule of these. Nil: each batch as soon as the window allows.
        public var schedule: ((_ index: Int) -> ContinuousClock.Instant)?
        /// Called once per batch, when it is acknowledged.
        public var acknowledged: ((Acknowledgement) -> Void)?

        public init(
            schedule: ((Int) -> ContinuousClock.Instant)? = nil, acknowledged: ((Acknowledgement) -> Void)? = nil
        ) {
            self.schedule = schedule
            self.acknowledged = acknowledged
        }
    }

    /// One acknowledged batch, as `Observer.acknowledged` sees it.
    public struct Acknowledgement: Sendable {
        /// 0-based, in input order.
        public var index: Int
        /// The file line number of its first line.
        public var firstLine: Int
        public var lines: Int
        /// When it was first sent (a resend keeps this: its latency includes the retry).
        public var firstSentAt: ContinuousClock.Instant
        public var acknowledgedAt: ContinuousClock.Instant
        /// The journal sequence of its last accepted event; nil when it accepted none.
        public var lastSequence: UInt64?
        /// Batch line numbers (from 1) of the lines not accepted: duplicates and rejected ones.
        public var skippedLines: Set<Int>
    }
}
