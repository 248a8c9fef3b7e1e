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

/// The aggregator's thread: its sockets and state, and the loop that drives them.
struct AggregatorLoop: ~Copyable {
    let configuration: Aggregator.Configuration
    let logger: Logger
    let checkpoints: CheckpointWriter
    var state: AggregateState
    var order: MergeOrder
    var topics = LiveTopics()
    var gateway: GatewayLink
    let partials: Socket
    let queries: Socket
    var publisher: LivePublisher
    /// `head` asked for waiting report queries, without blocking the loop.
    var heads: HeadRequests<ParkedQuery>
    /// Queries waiting for the merge to reach the gateway's head at their arrival.
    var parked: [ParkedQuery] = []
    var lastArrival = ContinuousClock.now
    var lastHeadCheck = ContinuousClock.now
    let metrics = AggregatorMetrics()

    init(
        configuration: Aggregator.Configuration, context: ZMQContext, logger: Logger, state: AggregateState,
        checkpoint: Checkpoint
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
        let router = try Socket(context, type: .router)
        try router.set(.linger, 0)
        try router.secure(curve.server(ZAPDomain.query))
        try router.bind(configuration.query)
        if let local = configuration.inProcess { try router.bind(local.query) }
        let live = try LivePublisher(
            context: context, endpoints: [configuration.publish] + (configuration.inProcess.map { [$0.publish] } ?? []),
            security: curve.server(ZAPDomain.publish),
            highWaterMark: configuration.publishHighWaterMark, access: configuration.access, logger: logger)
        let link = try GatewayLink(
            context: context, endpoint: configuration.gateway, token: configuration.gatewayToken,
            security: curve.client(connecting: configuration.gateway))
        let headLink = try HeadRequests<ParkedQuery>(
            context: context, endpoint: configuration.gateway, token: configuration.gatewayToken,
            security: curve.client(connecting: configuration.gateway))
        gateway = link
        heads = headLink
        publisher = live
        partials = pull
        queries = router
    }

    consuming func close() {
        partials.close()
        queries.close()
        publisher.close()
        gateway.close()
        heads.close()
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
            poller.register(queries, for: .pollIn)
            publisher.register(in: &poller)
            heads.register(in: &poller)
            let wait = topics.inRound ? .zero : max(.zero, min(nextPublish - .now, .milliseconds(50)))
            let ready = try poller.poll(timeout: wait)
            let now = ContinuousClock.now
            if ready[0].contains(.pollIn) { try receivePartials(now) }
            mergeReady()
            if ready[1].contains(.pollIn) { try receiveQueries() }
            if ready[2].contains(.pollIn) { try publisher.admitSubscriptions() }
            if ready[3].contains(.pollIn), let (head, released) = try heads.receive() {
                metrics.observeHead(head, merged: state.merged)
                for q in released { try answerOrPark(q, head: head) }
            }
            for q in try heads.expire(now: now) { try answerOrPark(q, head: state.merged) }
            try publisher.reopenIfWithdrawn()
            try answerParked(now)
            try recoverGaps(now)
            if now >= nextCheckpoint {
                checkpoints.saveInBackground(state)
                nextCheckpoint = now + configuration.checkpointInterval
            }
            if now >= nextPublish || topics.inRound {
                // As long as this turn's merging and answering took, at least a slice: under load,
                // publishing gets half the loop, and a query waits for one slice at most.
                try publish(until: .now + max(configuration.publishSlice, .now - now))
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
        if !touched.isEmpty {
            topics.touch(touched, state: state)
            metrics.merged.record(Int64(clamping: state.merged))
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
        if let head { metrics.observeHead(head, merged: state.merged) }
        if let head, head > state.merged, order.waitingCount == 0 {
            try replay((state.merged + 1)...head, reason: "tail")
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
        guard let head = try gateway.head() else {
            logger.warning("gateway not answering at start; catching up later", metadata: ["gateway": "\(configuration.gateway)"])
            return
        }
        if head > state.merged { try replay((state.merged + 1)...head, reason: "start") }
    }

    // MARK: - Queries

    private mutating func receiveQueries() throws {
        while let (frames, userID) = try queries.receiveMultipartWithUserID(dontWait: true) {
            guard frames.count >= 2 else { continue }
            let arrived = ContinuousClock.now
            metrics.queries.increment()
            let peer = frames[0]
            let message: WireFrames.Request
            switch WireFrames.decodeRequest(frames[1...]) {
            case .success(let m): message = m
            case .failure(let malformed):
                if let id = malformed.id { try reply(peer, .error, id, Rejection(.invalidValue, field: nil, malformed.reason).wireBody) }
                continue
            }
            let principal: Principal?
            switch configuration.access.principal(token: message.token, userID: userID) {
            case .success(let p): principal = p
            case .failure(let refusal):
                try reply(peer, .error, message.id, refusal.wireBody)
                continue
            }
            switch message.verb {
            case .whoami:
                try reply(peer, .whoami, message.id, Array(PrincipalJSON.encode(principal).compact.utf8))
            case .snapshot:
                if case .ingest? = principal {
                    try reply(
                        peer, .error, message.id,
                        Rejection(.forbidden, field: nil, "an ingest token sends events; it reads no topic").wireBody)
                    continue
                }
                let prefixes = TopicScope.cut(String(decoding: message.body, as: UTF8.self), for: principal)
                let lines = topics.snapshot(prefixes: prefixes)
                try reply(peer, .snapshot, message.id, Array(lines.map { $0 + "\n" }.joined().utf8))
            case .report:
                guard let query = QueryRequest(body: message.body) else {
                    try reply(peer, .error, message.id, Rejection(.malformedJSON, field: nil, "not a report request").wireBody)
                    continue
                }
                let scoped: (request: ReportRequest, format: ReportFormat)
                do throws(Rejection) { scoped = try query.scoped(to: principal) } catch {
                    try reply(peer, .error, message.id, error.wireBody)
                    continue
                }
                // Read your writes: wait until what the gateway acknowledged before now is merged. The
                // head is asked without waiting (HeadRequests); the query is answered or parked when it comes.
                try heads.ask(
                    for: ParkedQuery(
                        peer: peer, id: message.id, request: scoped.request, format: scoped.format, head: 0,
                        arrived: arrived, deadline: arrived + configuration.queryWait))
            default:
                try reply(
                    peer, .error, message.id,
                    Rejection(.invalidValue, field: nil, "'\(message.verb.rawValue)' is not a query verb (report, snapshot, whoami)").wireBody)
            }
        }
    }

    private mutating func answerParked(_ now: ContinuousClock.Instant) throws {
        guard !parked.isEmpty else { return }
        var still: [ParkedQuery] = []
        for q in parked {
            if q.head <= state.merged {
                try answer(q)
            } else if now >= q.deadline {
                try reply(
                    q.peer, .error, q.id,
                    Rejection(.unavailable, field: nil, "merged \(state.merged) of \(q.head) acknowledged events").wireBody)
            } else {
                still.append(q)
            }
        }
        parked = still
    }

    /// A query whose head is known: answered now when that much is merged, else parked until it is.
    private mutating func answerOrPark(_ query: ParkedQuery, head: UInt64) throws {
        var q = query
        q.head = head
        if head <= state.merged { try answer(q) } else { parked.append(q) }
    }

    private func answer(_ q: ParkedQuery) throws {
        let (verb, body) = state.answer(q.request, format: q.format)
        try reply(q.peer, verb, q.id, body)
        metrics.queryLatency.recordNanoseconds(Int64((ContinuousClock.now - q.arrived) / .nanoseconds(1)))
    }

    private func reply(_ peer: [UInt8], _ verb: WireFrames.Verb, _ id: UInt64, _ body: [UInt8]) throws {
        try queries.sendMultipart([peer] + WireFrames.encode(verb, id: id, body: body))
    }

    // MARK: - Publishing

    /// Publishes a slice of the current round (docs/cluster.md, live topics).
    private mutating func publish(until deadline: ContinuousClock.Instant) throws {
        guard topics.pending > 0 else { return }
        let start = ContinuousClock.now
        let messages = topics.flush(state, until: deadline)
        for (topic, message) in messages { try publisher.send(topic: topic, message: message) }
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

/// A report query waiting for the gateway's head after its arrival, then for the merge to reach it; already scoped.
struct ParkedQuery {
    var peer: [UInt8]
    var id: UInt64
    var request: ReportRequest
    var format: ReportFormat
    var head: UInt64
    var arrived: ContinuousClock.Instant
    var deadline: ContinuousClock.Instant
}
