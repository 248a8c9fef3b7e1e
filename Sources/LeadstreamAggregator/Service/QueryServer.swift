//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamAccess
import LeadstreamClients
import LeadstreamCore
import LeadstreamPartitions
import LeadstreamWire
import Logging
import Metrics
import Synchronization
import ZeroMQ

/// The aggregator's query thread: `report`, `snapshot` and `whoami` on the
/// query ROUTER, answered from the state the merge thread posted on the
/// `StateBoard`, so merging never waits for a query and a query never waits
/// for a merge or a publish round.
///
/// Read your writes: a report waits until everything the gateway had
/// acknowledged when it arrived is merged. Its head is asked without
/// blocking (`HeadRequests`: queries that arrive together share one
/// request); when the posted state is not that far yet, the query is parked
/// and the merge thread is asked (`BoardFeed`) to post once it is.
struct QueryServer: ~Copyable {
    let configuration: Aggregator.Configuration
    let logger: Logger
    let board: StateBoard
    private let queries: Socket
    private let link: Socket
    private var heads: HeadRequests<ParkedQuery>
    /// Queries whose head is known, waiting for a posted state that far.
    private var parked: [ParkedQuery] = []
    /// The sequences last asked of the merge thread (for reports without rows, with rows), until it answers.
    private var askedCounts: UInt64?
    private var askedRows: UInt64?
    /// Commands handed to the merge thread, by ticket: whom to answer.
    private var commands: [UInt64: (peer: [UInt8], id: UInt64)] = [:]
    private var nextTicket: UInt64 = 0
    private let metrics = AggregatorMetrics()
    private let dropped = DroppedRequests(endpoint: "query")
    /// The gateway head last answered and when: `status` reports how far behind the merge may be.
    private var lastHead: (seq: UInt64, at: ContinuousClock.Instant)?

    init(
        configuration: Aggregator.Configuration, context: ZMQContext, logger: Logger, board: StateBoard,
        link endpoint: String
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.board = board
        let curve = configuration.curve
        let router = try Socket(context, type: .router)
        try router.set(.linger, 0)
        try router.secure(curve.server(ZAPDomain.query))
        try router.bind(configuration.query)
        if let local = configuration.inProcess { try router.bind(local.query) }
        let headLink = try HeadRequests<ParkedQuery>(
            context: context, endpoint: configuration.gateway, token: configuration.gatewayToken,
            security: curve.client(connecting: configuration.gateway))
        let pair = try BoardLink.open(context)
        try pair.connect(endpoint)
        queries = router
        heads = headLink
        link = pair
    }

    consuming func close() {
        queries.close()
        link.close()
        heads.close()
    }

    mutating func serve(stopping: borrowing Atomic<Bool>) throws {
        while !stopping.load(ordering: .acquiring) {
            var poller = Poller()
            poller.register(queries, for: .pollIn)
            heads.register(in: &poller)
            poller.register(link, for: .pollIn)
            let ready = try poller.poll(timeout: .milliseconds(50))
            let now = ContinuousClock.now
            if ready[0].contains(.pollIn) { try receiveQueries() }
            if ready[1].contains(.pollIn), let (head, released) = try heads.receive() {
                metrics.observeHead(head, merged: board.merged)
                lastHead = (head, now)
                for q in released { try answerOrPark(q, head: head) }
            }
            // The gateway did not answer: as of what is merged now, as a synchronous ask that timed out was.
            for q in try heads.expire(now: now) { try answerOrPark(q, head: board.merged) }
            if ready[2].contains(.pollIn) { try receiveFromMergeThread() }
            try answerParked(now)
        }
    }

    // MARK: - Requests

    private mutating func receiveQueries() throws {
        while let (frames, userID) = try queries.receiveMultipartWithUserID(dontWait: true) {
            let arrived = ContinuousClock.now
            metrics.queries.increment()
            let peer: [UInt8]
            let message: WireFrames.Request
            switch RouterMessage.read(frames, serving: Self.verbs, endpoint: "query") {
            case .request(let p, let m): (peer, message) = (p, m)
            case .badRequest(let answer, let reason):
                logger.debug("bad request answered", metadata: ["frames": "\(frames.count)", "reason": "\(reason)"])
                try queries.sendMultipart(answer)
                continue
            case .drop(let reason):
                logger.debug("request dropped", metadata: ["frames": "\(frames.count)", "reason": "\(reason.rawValue)"])
                dropped.count(reason)
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
                let lines = board.messages(prefixes: prefixes)
                try reply(peer, .snapshot, message.id, Array(lines.map { $0 + "\n" }.joined().utf8))
            case .report:
                let query: QueryRequest
                do throws(Rejection) { query = try QueryRequest(body: message.body) } catch {
                    try reply(peer, .error, message.id, error.wireBody)
                    continue
                }
                let scoped: (request: ReportRequest, format: ReportFormat)
                do throws(Rejection) { scoped = try query.scoped(to: principal) } catch {
                    try reply(peer, .error, message.id, error.wireBody)
                    continue
                }
                if let wrong = configuration.placement?.queryRejection(for: scoped.request.account) {
                    try reply(peer, .error, message.id, wrong.wireBody)
                    continue
                }
                try heads.ask(
                    for: ParkedQuery(
                        peer: peer, id: message.id, ask: .report(scoped.request, scoped.format), head: 0,
                        arrived: arrived, deadline: arrived + configuration.queryWait))
            case .figures:
                guard try operatorOnly(principal, peer, message) else { continue }
                guard let request = AggregateState.FiguresRequest(body: message.body) else {
                    try reply(
                        peer, .error, message.id,
                        Rejection(.badRequest, field: nil, "not a figures request: {\"account\", \"periods\"}")
                            .wireBody)
                    continue
                }
                if let account = request.account, let wrong = configuration.placement?.queryRejection(for: account) {
                    try reply(peer, .error, message.id, wrong.wireBody)
                    continue
                }
                try heads.ask(
                    for: ParkedQuery(
                        peer: peer, id: message.id, ask: .figures(request), head: 0, arrived: arrived,
                        deadline: arrived + configuration.queryWait))
            case .status:
                guard try operatorOnly(principal, peer, message) else { continue }
                try reply(peer, .status, message.id, Array(statusJSON(now: arrived).compact.utf8))
            case .partitions:
                guard
                    let answer = PartitionsVerb.answer(
                        message.body, placement: configuration.placement, scope: principal?.account)
                else {
                    try reply(
                        peer, .error, message.id,
                        Rejection(.badRequest, field: nil, "not a partitions request: {\"accounts\": [...]} or empty")
                            .wireBody)
                    continue
                }
                try reply(peer, .partitions, message.id, PartitionsVerb.encode(answer))
            case .erase:
                guard try operatorOnly(principal, peer, message) else { continue }
                try forward(message, from: peer)
            case .repair, .corrupt:
                guard try operatorOnly(principal, peer, message) else { continue }
                guard message.verb == .repair || configuration.unsafeTestHooks else {
                    try reply(
                        peer, .error, message.id,
                        Rejection(.forbidden, field: nil, "corrupt is served only with --unsafe-test-hooks").wireBody)
                    continue
                }
                try forward(message, from: peer)
            default:
                // Other verbs are answered `bad_request` by `RouterMessage` before they get here.
                continue
            }
        }
    }

    /// The verbs this endpoint serves (docs/cluster.md).
    static let verbs: [WireFrames.Verb] = [
        .report, .snapshot, .whoami, .figures, .status, .repair, .corrupt, .partitions, .erase,
    ]

    /// `status`: what is merged, and the gateway head last heard of (`null` before the first answer). A head
    /// is asked only for queries, so without queries it ages: `head_age_ms` says how old it is.
    private func statusJSON(now: ContinuousClock.Instant) -> JSONValue {
        let merged = board.merged
        let head = lastHead.map { JSONValue.int(Int($0.seq)) } ?? .null
        let age = lastHead.map { JSONValue.int(Int((now - $0.at) / .milliseconds(1))) } ?? .null
        let lag = lastHead.map { JSONValue.int($0.seq > merged ? Int($0.seq - merged) : 0) } ?? .null
        return .object([("merged", .int(Int(merged))), ("gateway_head", head), ("head_age_ms", age), ("lag", lag)])
    }


    // MARK: - Waiting for the merge

    /// A query whose head is known: answered now when the posted state is that far, else parked until it is.
    private mutating func answerOrPark(_ query: ParkedQuery, head: UInt64) throws {
        var q = query
        q.head = head
        q.headKnown = .now
        let rows = q.readsRows
        if head <= board.postedMerged(rows: rows) { try answer(q, from: board.state(rows: rows)) } else { parked.append(q) }
    }

    /// Answers what the posted state now covers, refuses what waited too long, and asks the merge thread
    /// for the least sequence still waited for.
    private mutating func answerParked(_ now: ContinuousClock.Instant) throws {
        guard !parked.isEmpty else { return }
        let counts = board.state(rows: false), full = board.state(rows: true)
        var still: [ParkedQuery] = []
        for q in parked {
            let state = q.readsRows ? full : counts
            if q.head <= state.merged {
                try answer(q, from: state)
            } else if now >= q.deadline {
                try reply(
                    q.peer, .error, q.id,
                    Rejection(.unavailable, field: nil, "merged \(board.merged) of \(q.head) acknowledged events")
                        .wireBody)
            } else {
                still.append(q)
            }
        }
        parked = still
        if let least = parked.filter({ !$0.readsRows }).map(\.head).min(), askedCounts.map({ least < $0 }) ?? true {
            askedCounts = least
            _ = try link.sendMultipart([WireFrames.encode(least) + [0]], dontWait: true)
        }
        if let least = parked.filter(\.readsRows).map(\.head).min(), askedRows.map({ least < $0 }) ?? true {
            askedRows = least
            _ = try link.sendMultipart([WireFrames.encode(least) + [1]], dontWait: true)
        }
    }

    private func answer(_ q: ParkedQuery, from state: AggregateState) throws {
        let start = ContinuousClock.now
        let (verb, body) =
            switch q.ask {
            case .report(let request, let format): state.answer(request, format: format)
            case .figures(let request): state.figures(request)
            }
        try reply(q.peer, verb, q.id, body)
        let end = ContinuousClock.now
        metrics.queryLatency.recordNanoseconds(Int64((end - q.arrived) / .nanoseconds(1)))
        // Where a slow answer's time went: the gateway's head, the merge reaching it, or the report itself.
        logger.debug(
            "report answered",
            metadata: [
                "head_us": "\((q.headKnown - q.arrived) / .microseconds(1))",
                "merge_us": "\((start - q.headKnown) / .microseconds(1))", "run_us": "\((end - start) / .microseconds(1))",
                "head": "\(q.head)", "kind": "\(q.kind)",
            ])
    }

    // MARK: - Commands for the merge thread (repairs, test hooks)

    /// `figures`, `repair` and `corrupt` see every figure of an account: an operator's, or anyone's in open mode.
    private func operatorOnly(_ principal: Principal?, _ peer: [UInt8], _ message: WireFrames.Request) throws -> Bool {
        switch principal {
        case nil, .operator?: return true
        default:
            try reply(
                peer, .error, message.id,
                Rejection(.forbidden, field: nil, "'\(message.verb.rawValue)' needs an operator token").wireBody)
            return false
        }
    }

    /// Hands a state-changing command to the merge thread, the state's one writer; its answer comes back
    /// on the link (`receiveFromMergeThread`) and goes to the client then.
    private mutating func forward(_ message: WireFrames.Request, from peer: [UInt8]) throws {
        nextTicket += 1
        commands[nextTicket] = (peer, message.id)
        _ = try link.sendMultipart(BoardCommand.encode(ticket: nextTicket, verb: message.verb, body: message.body))
    }

    /// The merge thread's `ready` (a post was made) and its answers to forwarded commands.
    private mutating func receiveFromMergeThread() throws {
        while let frames = try link.receiveMultipart(dontWait: true) {
            if let answer = BoardCommand.decode(frames) {
                guard let (peer, id) = commands.removeValue(forKey: answer.ticket) else { continue }
                try reply(peer, answer.verb, id, answer.body)
            } else {
                askedCounts = nil
                askedRows = nil
            }
        }
    }

    private func reply(_ peer: [UInt8], _ verb: WireFrames.Verb, _ id: UInt64, _ body: [UInt8]) throws {
        try queries.sendMultipart([peer] + WireFrames.encode(verb, id: id, body: body))
    }
}

/// A report query waiting for the gateway's head after its arrival, then for the merge to reach it; already scoped.
struct ParkedQuery {
    enum Ask {
        case report(ReportRequest, ReportFormat)
        /// `validate`'s live side: every figure of an account's periods, from one state with rows.
        case figures(AggregateState.FiguresRequest)
    }

    var peer: [UInt8]
    var id: UInt64
    var ask: Ask
    var head: UInt64
    var arrived: ContinuousClock.Instant
    var deadline: ContinuousClock.Instant
    /// When the head came (or its request expired).
    var headKnown: ContinuousClock.Instant = .now

    var readsRows: Bool {
        switch ask {
        case .report(let request, _): request.readsRows
        case .figures: true
        }
    }

    var kind: String {
        switch ask {
        case .report(let request, _): request.kind.rawValue
        case .figures: "figures"
        }
    }
}
