//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamAccess
import LeadstreamCore
import LeadstreamClients
import LeadstreamWire
import Logging
import Metrics
import Synchronization
import ZeroMQ

/// The aggregator's merge thread: partials in, live topics out, the state
/// and the loop that drives them. Queries are the `QueryServer`'s, which
/// answers from the state this loop posts on the board (`BoardFeed`).
struct AggregatorLoop: ~Copyable {
    let configuration: Aggregator.Configuration
    let logger: Logger
    let checkpoints: CheckpointWriter
    var state: AggregateState
    var order: MergeOrder
    var topics = LiveTopics()
    var gateway: JournalClient
    let partials: Socket
    var publisher: LivePublisher
    var feed: BoardFeed
    var lastArrival = ContinuousClock.now
    var lastHeadCheck = ContinuousClock.now
    var contact = GatewayContact(now: .now)
    let metrics = AggregatorMetrics()
    /// `erase` commands waiting for the merge to reach the gateway head they name.
    var erasures: [PendingErasure] = []

    init(
        configuration: Aggregator.Configuration, context: ZMQContext, logger: Logger, state: AggregateState,
        checkpoint: Checkpoint, board: StateBoard, boardLink: String
    ) throws {
        self.configuration = configuration
        self.logger = logger
        checkpoints = CheckpointWriter(checkpoint, saved: state.merged, logger: logger)
        self.state = state
        order = MergeOrder(merged: state.merged)
        let curve = configuration.curve
        let pull = try Socket(context, type: .pull)
        try pull.set(.linger, 0)
        try pull.secure(curve.server(ZAPDomain.partials, binding: configuration.partials))
        try pull.bind(configuration.partials)
        let live = try LivePublisher(
            context: context, endpoints: [configuration.publish] + (configuration.inProcess.map { [$0.publish] } ?? []),
            security: curve.server(ZAPDomain.publish),
            highWaterMark: configuration.publishHighWaterMark, access: configuration.access, logger: logger)
        let link = try JournalClient(
            context: context, endpoint: configuration.gateway, token: configuration.gatewayToken,
            security: curve.client(connecting: configuration.gateway))
        let boardFeed = try BoardFeed(context: context, endpoint: boardLink, board: board)
        board.post(state, rows: true)
        gateway = link
        publisher = live
        partials = pull
        feed = boardFeed
    }

    consuming func close() {
        partials.close()
        publisher.close()
        gateway.close()
        feed.close()
    }

    mutating func serve(stopping: borrowing Atomic<Bool>) throws {
        logger.info(
            "aggregator running",
            metadata: [
                "partials": "\(configuration.partials)", "query": "\(configuration.query)",
                "publish": "\(configuration.publish)", "merged": "\(state.merged)",
            ])
        try catchUp()
        // Everything merged before this start (a checkpoint, a catch-up) is published once.
        topics.touchEverything(state)
        var nextPublish = ContinuousClock.now + configuration.publishInterval
        var nextCheckpoint = ContinuousClock.now + configuration.checkpointInterval
        while !stopping.load(ordering: .acquiring) {
            var poller = Poller()
            poller.register(partials, for: .pollIn)
            publisher.register(in: &poller)
            feed.register(in: &poller)
            let wait = topics.inRound ? .zero : max(.zero, min(nextPublish - .now, .milliseconds(50)))
            let ready = try poller.poll(timeout: wait)
            let now = ContinuousClock.now
            if ready[0].contains(.pollIn) { try receivePartials(now) }
            mergeReady()
            if ready[1].contains(.pollIn) { try publisher.admitSubscriptions() }
            if ready[2].contains(.pollIn) {
                try feed.receive()
                try applyCommands()
            }
            try applyErasures()
            try feed.offer(state)
            try publisher.reopenIfWithdrawn()
            try recoverGaps(now)
            metrics.secondsSinceGateway.record(contact.secondsSinceContact(at: .now))
            if now >= nextCheckpoint {
                checkpoints.saveInBackground(state)
                nextCheckpoint = now + configuration.checkpointInterval
            }
            if now >= nextPublish || topics.inRound {
                // As long as this turn's merging took, at least a slice: under load, publishing gets
                // half the loop, and partials wait for one slice at most. A query waiting for the merge
                // (read your writes) cuts the slice to its least, so merging resumes sooner.
                let slice = feed.isWaited ? configuration.publishSlice : max(configuration.publishSlice, .now - now)
                try publish(until: .now + slice)
                // Measured from the round's end: a long round leaves the loop time to merge before the next.
                if !topics.inRound { nextPublish = .now + configuration.publishInterval }
            }
        }
        while topics.pending > 0 { try publish(until: .now + .seconds(3600)) }
        checkpoints.saveNow(state)
        logger.info("aggregator stopped", metadata: ["merged": "\(state.merged)", "duplicates": "\(order.duplicates)"])
    }

    // MARK: - Partials

    private mutating func receivePartials(_ now: ContinuousClock.Instant) throws {
        var taken = 0
        while taken < 8, let frames = try partials.receiveMultipart(dontWait: true) {
            taken += 1
            guard let message = WireFrames.decode(frames[...]), message.verb == .partial,
                let partial = Partial(decoding: message.body)
            else {
                logger.warning("malformed partial dropped")
                continue
            }
            order.offer(ChangeBatch(block: partial.block, first: partial.first, deltas: partial.deltas), at: now)
            lastArrival = now
            note(contact.heard(at: now))
        }
    }

    private mutating func mergeReady() {
        var touched = TouchedDays()
        while let batch = order.next() {
            let refusals = state.merge(batch, touched: &touched)
            if let why = refusals.first {
                logger.error(
                    "merged block had records that did not fit",
                    metadata: ["first_seq": "\(batch.first)", "count": "\(refusals.count)", "first_reason": "\(why)"])
            }
        }
        for account in touched.erased { feed.board.withdraw(account: account) }
        if !touched.isEmpty {
            topics.touch(touched, state: state)
            metrics.merged.record(Int64(clamping: state.merged))
        }
    }

    // MARK: - Commands (validate's repairs, test hooks)

    /// Applies the commands the query thread forwarded, answers each, and republishes the account's topics.
    private mutating func applyCommands() throws {
        for command in feed.takeCommands() {
            let outcome: (reply: (WireFrames.Verb, [UInt8]), account: String?)
            switch command.verb {
            case .erase:
                switch PendingErasure.parse(command, deadline: .now + configuration.queryWait) {
                case .success(let erasure): erasures.append(erasure)
                case .failure(let rejection): try feed.answer(command, .error, rejection.wireBody, state: state)
                }
                continue
            case .repair: outcome = state.repair(command.body)
            case .corrupt: outcome = state.corrupt(account: String(decoding: command.body, as: UTF8.self))
            default: outcome = ((.error, Rejection(.invalidValue, field: nil, "not a command").wireBody), nil)
            }
            let (reply, account) = outcome
            if let account {
                logger.notice("\(command.verb.rawValue) applied", metadata: ["account": "\(account)"])
                var touched = TouchedDays()
                touched.addAll(account)
                topics.touch(touched, state: state)
            }
            try feed.answer(command, reply.0, reply.1, state: state)
        }
    }

    // MARK: - Gaps and catch-up

    /// Replays what a dead worker took with it, or what never arrived at the tail.
    private mutating func recoverGaps(_ now: ContinuousClock.Instant) throws {
        if let gap = order.overdueGap(at: now, timeout: configuration.gapTimeout) {
            try replay(gap, reason: "gap")
            return
        }
        // Nothing waiting, but nothing arriving either: is the gateway ahead of us?
        guard now - lastArrival >= configuration.gapTimeout, now - lastHeadCheck >= configuration.gapTimeout else {
            return
        }
        lastHeadCheck = now
        let head = try gateway.head()
        observe(head: head)
        if let head, head > state.merged, order.waitingCount == 0 {
            try replay((state.merged + 1)...head, reason: "tail")
        }
    }

    /// Records a `head` answer, or its absence (nil), in the contact, the metrics and the log.
    private mutating func observe(head: UInt64?) {
        let now = ContinuousClock.now
        guard let head else {
            note(contact.missed(at: now))
            return
        }
        metrics.observeHead(head, merged: state.merged)
        metrics.gatewayHead.record(Int64(clamping: head))
        note(contact.heard(at: now, head: head))
    }

    private func note(_ change: GatewayContact.Change) {
        switch change {
        case .none: break
        case .lost:
            logger.warning(
                "gateway not answering; answering queries from what is merged",
                metadata: [
                    "gateway": "\(configuration.gateway)", "merged": "\(state.merged)",
                    "last_head": "\(contact.lastHead.map(String.init) ?? "unknown")",
                ])
        case .regained(let away):
            logger.notice(
                "gateway answering again; catching up",
                metadata: ["away_s": "\(Int(away / .seconds(1)))", "merged": "\(state.merged)", "head": "\(contact.lastHead ?? 0)"])
        }
    }

    /// Merges `range` from the gateway's journal, in chunks.
    private mutating func replay(_ range: ClosedRange<UInt64>, reason: String) throws {
        var from = range.lowerBound
        while from <= range.upperBound {
            let through = min(range.upperBound, from + configuration.replayChunk - 1)
            guard let blocks = try gateway.replay(from: from, through: through), !blocks.isEmpty else {
                logger.warning("replay unanswered", metadata: ["from": "\(from)", "through": "\(through)"])
                lastArrival = .now
                return
            }
            note(contact.heard(at: .now))
            let batches = blocks.map { ChangeBatch(block: $0.block, first: $0.first, deltas: nil) }
            let end = batches.last!.sequences.upperBound
            logger.notice(
                "replayed range", metadata: ["from": "\(from)", "through": "\(end)", "reason": "\(reason)"])
            metrics.replays.increment()
            metrics.replayedEvents.increment(by: Int(end - from + 1))
            for batch in batches { order.offer(batch, at: .now) }
            mergeReady()
            from = end + 1
        }
    }

    /// At start: everything the gateway committed after the checkpoint.
    private mutating func catchUp() throws {
        let head = try gateway.head()
        observe(head: head)
        guard let head else {
            logger.warning("gateway not answering at start; catching up later", metadata: ["gateway": "\(configuration.gateway)"])
            return
        }
        if head > state.merged { try replay((state.merged + 1)...head, reason: "start") }
    }

    // MARK: - Publishing

    /// Publishes a slice of the current round (docs/cluster.md, live topics).
    private mutating func publish(until deadline: ContinuousClock.Instant) throws {
        guard topics.pending > 0 else { return }
        let start = ContinuousClock.now
        let messages = topics.flush(state, until: deadline)
        for (topic, message) in messages {
            feed.board.record(topic: topic, message: message)
            try publisher.send(topic: topic, message: message)
        }
        if !messages.isEmpty {
            metrics.publishRounds.increment()
            metrics.published.increment(by: messages.count)
        }
        logger.trace(
            "published",
            metadata: [
                "changed": "\(messages.count)", "left": "\(topics.pending)", "merged": "\(state.merged)",
                "us": "\(Int((ContinuousClock.now - start) / .microseconds(1)))",
            ])
    }
}
