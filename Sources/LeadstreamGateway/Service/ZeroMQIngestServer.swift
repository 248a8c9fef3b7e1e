//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamPartitions
import LeadstreamWire
import Foundation
import LeadstreamAccess
import LeadstreamCore
import Logging
import ServiceLifecycle
import Synchronization
import ZeroMQ

/// The gateway's ZeroMQ endpoint (SPEC §11 `--ingest`): a ROUTER taking
/// `ingest` batches and `replay` requests from DEALER clients (docs/protocol.md).
///
/// One I/O thread owns the ROUTER. Each request is handled on its own task;
/// its reply comes back to the I/O thread through an inproc PUSH/PULL pipe,
/// because only the owning thread may send on the ROUTER. A batch is answered
/// only when the ingestor says its events are durable.
public final class ZeroMQIngestServer: Service, Sendable {
    public struct Configuration: Sendable {
        /// Bind address of the ROUTER.
        public var endpoint: String
        /// Most events returned by one replay request.
        public var maxReplayEvents: Int
        /// How long shutdown waits for requests in flight to be answered.
        public var drainTimeout: Duration
        /// Who may ingest (ingest tokens) and read the journal (SPEC §10).
        public var access: AccessControl
        /// CURVE on the ROUTER (ZAP domain `ingest`).
        public var security: SocketSecurity
        /// More endpoints to bind the same ROUTER on (`run`'s in-process `inproc://` link).
        public var extraEndpoints: [String]
        /// This gateway's partition of a partitioned deployment (`nil`: it holds every account).
        public var placement: PartitionPlacement?

        public init(
            endpoint: String = DefaultEndpoints.ingest, maxReplayEvents: Int = 10_000, drainTimeout: Duration = .seconds(10),
            access: AccessControl = .open, security: SocketSecurity = .none, extraEndpoints: [String] = [],
            placement: PartitionPlacement? = nil
        ) {
            self.placement = placement
            self.access = access
            self.security = security
            self.extraEndpoints = extraEndpoints
            self.endpoint = endpoint
            self.maxReplayEvents = maxReplayEvents
            self.drainTimeout = drainTimeout
        }
    }

    public let configuration: Configuration
    /// The address actually bound (a `*` port resolved).
    public let boundEndpoint: String
    private let context: ZMQContext
    private let ingestor: Ingestor
    let journal: any EventJournal
    private let logger: Logger
    private let router: SocketHandoff
    private let pipeIn: SocketHandoff
    private let pipeOut: Mutex<Socket?>
    private let stopping = Atomic<Bool>(false)
    private let inFlight = Atomic<Int>(0)
    /// Arrival order of ingest requests (only the I/O thread takes numbers).
    private let arrivals = Atomic<Int>(0)
    private let turnstile = Turnstile()
    private let sessions = SessionOrder()
    private let dropped = DroppedRequests(endpoint: "ingest")
    /// Tenant erasure (`erase`); `nil`: the verb is answered `unavailable`.
    private let eraser: GatewayErasure?

    /// Binds the endpoint now, so a port in use fails at start, not later.
    public init(
        configuration: Configuration, context: ZMQContext, ingestor: Ingestor, journal: any EventJournal,
        logger: Logger, eraser: GatewayErasure? = nil
    ) throws {
        self.eraser = eraser
        self.configuration = configuration
        self.context = context
        self.ingestor = ingestor
        self.journal = journal
        self.logger = logger
        let router = try Socket(context, type: .router)
        try router.set(.linger, 0)
        try router.secure(configuration.security)
        try router.bind(configuration.endpoint)
        boundEndpoint = try router.lastEndpoint
        for extra in configuration.extraEndpoints { try router.bind(extra) }
        let pipe = "inproc://leadstream-ingest-replies-\(UUID().uuidString)"
        let pull = try Socket(context, type: .pull)
        try pull.bind(pipe)
        let push = try Socket(context, type: .push)
        try push.set(.linger, 0)
        try push.connect(pipe)
        self.router = SocketHandoff(router)
        self.pipeIn = SocketHandoff(pull)
        self.pipeOut = Mutex(push)
    }

    public func run() async throws {
        logger.info("ingest listening", metadata: ["endpoint": "\(boundEndpoint)"])
        try await runOnDedicatedThread(named: "leadstream-ingest", stop: stop) { [self] in try ioLoop() }
        logger.info("ingest stopped", metadata: ["endpoint": "\(boundEndpoint)"])
    }

    // MARK: - I/O thread

    private func ioLoop() throws {
        let router = self.router.take()
        let replies = pipeIn.take()
        let outcome = Result { () throws -> Void in try serve(router, replies) }
        router.close()
        replies.close()
        // Every socket of ours is closed when `run` returns, so the owner can terminate the context.
        pipeOut.withLock { slot in slot.take()?.close() }
        try outcome.get()
    }

    private func serve(_ router: borrowing Socket, _ replies: borrowing Socket) throws {
        var deadline: ContinuousClock.Instant?
        while true {
            if stopping.load(ordering: .acquiring) {
                if deadline == nil { deadline = .now + configuration.drainTimeout }
                if inFlight.load(ordering: .acquiring) == 0 || ContinuousClock.now > deadline! {
                    // The last replies handed over (`unavailable` answers among them) still go out.
                    while let frames = try replies.receiveMultipart(dontWait: true) { try router.sendMultipart(frames) }
                    break
                }
            }
            var poller = Poller()
            poller.register(router, for: .pollIn)
            poller.register(replies, for: .pollIn)
            let ready = try poller.poll(timeout: .milliseconds(50))
            if ready[1].contains(.pollIn) {
                while let frames = try replies.receiveMultipart(dontWait: true) { try router.sendMultipart(frames) }
            }
            if ready[0].contains(.pollIn) {
                while let (frames, userID) = try router.receiveMultipartWithUserID(dontWait: true) {
                    accept(frames, userID: userID)
                }
            }
        }
    }

    /// Starts handling one message. One that is no request of this endpoint is answered
    /// `bad_request` at once; one with no peer to answer is counted and dropped (`RouterMessage`).
    /// While shutting down, a request is answered `unavailable` (retry later) instead of waiting
    /// unread until the socket closes.
    private func accept(_ frames: [[UInt8]], userID: String?) {
        let peer: [UInt8]
        let request: WireFrames.Request
        switch RouterMessage.read(frames, serving: Self.verbs, endpoint: "ingest") {
        case .request(let p, let r): (peer, request) = (p, r)
        case .badRequest(let reply, let reason):
            logger.debug("bad request answered", metadata: ["frames": "\(frames.count)", "reason": "\(reason)"])
            send(reply)
            return
        case .drop(let reason):
            logger.debug("request dropped", metadata: ["frames": "\(frames.count)", "reason": "\(reason.rawValue)"])
            dropped.count(reason)
            return
        }
        if stopping.load(ordering: .acquiring) {
            send([peer] + WireFrames.encode(.error, id: request.id, body: Array(IngestRefusal.unavailable.json.compact.utf8)))
            return
        }
        inFlight.add(1, ordering: .acquiringAndReleasing)
        let ticket = request.verb == .ingest ? arrivals.add(1, ordering: .relaxed).oldValue : nil
        Task { [self] in
            let (verb, body) = await handle(request, userID: userID, ticket: ticket)
            send([peer] + WireFrames.encode(verb, id: request.id, body: body))
            inFlight.subtract(1, ordering: .acquiringAndReleasing)
        }
    }

    /// The verbs this endpoint serves (docs/protocol.md).
    static let verbs: [WireFrames.Verb] = [.ingest, .replay, .head, .partitions, .erase]

    /// Hands a reply to the I/O thread, the ROUTER's owner; counted as lost once the pipe is closed.
    private func send(_ reply: [[UInt8]]) {
        let handed = pipeOut.withLock { slot -> Bool in
            guard let push = slot.take() else { return false }
            let sent = (try? push.sendMultipart(reply)) != nil
            slot = consume push
            return sent
        }
        if !handed {
            logger.debug("reply lost", metadata: ["reason": "the endpoint has shut down"])
            dropped.count(.replyLost)
        }
    }

    private func handle(_ request: WireFrames.Request, userID: String?, ticket: Int?) async -> (WireFrames.Verb, [UInt8]) {
        switch request.verb {
        case .ingest:
            // Decode in parallel, admit in arrival order, then wait for durability.
            let prepared = Result { () throws(IngestRefusal) in
                let account = try ingestAccount(request.token, userID: userID)
                // A move's copy of a history is an operator's (any principal in open mode).
                if request.importing, let refusal = configuration.access.journalRefusal(token: request.token, userID: userID) {
                    throw .refused(refusal)
                }
                return try ingestor.prepare(request.body, account: account, importing: request.importing)
            }
            await turnstile.enter(ticket!)
            if case .failure(.refused(let rejection)) = prepared {
                turnstile.leave()
                return WireFrames.error(rejection.code.rawValue, rejection.message)
            }
            let index = request.id & 0xFFFF_FFFF  // the low half numbers the batch; the high half is the client's resend round
            if let o = request.ordering,
                !sessions.mayAdmit(
                    session: o.session, index: index, lowestUnacknowledged: o.lowestUnacknowledged,
                    generation: ingestor.generation)
            {
                turnstile.leave()
                return WireFrames.error("out_of_order", "an earlier batch of this session is missing")
            }
            let pending = await admitWaiting(prepared)
            if let o = request.ordering, case .success(let p) = pending {
                sessions.admitted(session: o.session, index: index, generation: p.generation)
            }
            turnstile.leave()
            do {
                let result = try await pending.get().result()
                return (.ack, Array(result.json.compact.utf8))
            } catch {
                return (.error, Array(error.json.compact.utf8))
            }
        case .replay, .head:
            if let refusal = configuration.access.journalRefusal(token: request.token, userID: userID) {
                return WireFrames.error(refusal.code.rawValue, refusal.message)
            }
            if request.verb == .replay { return await replay(request.body) }
            do { return (.head, WireFrames.encode(try await journal.lastSequence())) } catch {
                return WireFrames.error("unavailable", "\(error)")
            }
        case .partitions:
            let scope: String?
            switch configuration.access.principal(token: request.token, userID: userID) {
            case .failure(let refusal): return WireFrames.error(refusal.code.rawValue, refusal.message)
            case .success(let principal): scope = principal?.account
            }
            guard let reply = PartitionsVerb.answer(request.body, placement: configuration.placement, scope: scope) else {
                return WireFrames.error("bad_request", "not a partitions request: {\"accounts\": [...]} or empty")
            }
            return (.partitions, PartitionsVerb.encode(reply))
        case .erase:
            return await erase(request, userID: userID)
        case .ack, .error, .changes, .partial, .report, .snapshot, .whoami, .figures, .status, .repair, .repaired, .corrupt,
            .corrupted, .erased:
            // Answered by `accept` (RouterMessage) before it gets here.
            return WireFrames.error("bad_request", "'\(request.verb.rawValue)' is not a verb of the ingest endpoint")
        }
    }

    /// `erase` (an operator's; anyone's in open mode, like `status`): the account's every trace, then `erased`.
    private func erase(_ request: WireFrames.Request, userID: String?) async -> (WireFrames.Verb, [UInt8]) {
        switch configuration.access.principal(token: request.token, userID: userID) {
        case .failure(let rejection): return WireFrames.error(rejection.code.rawValue, rejection.message)
        case .success(nil), .success(.operator?): break
        case .success(.some):
            return WireFrames.error(ErrorCode.forbidden.rawValue, "'erase' needs an operator token")
        }
        let account = String(decoding: request.body, as: UTF8.self)
        guard Identifier.isValid(account, allowEmpty: false) else {
            return WireFrames.error(ErrorCode.invalidValue.rawValue, "'erase' takes an account name (an identifier)")
        }
        guard let eraser else { return WireFrames.error("unavailable", "this gateway cannot erase") }
        do {
            return (.erased, Array(try await eraser.erase(account: account).json.compact.utf8))
        } catch {
            return WireFrames.error("unavailable", error.description)
        }
    }

    /// The account an `ingest` request may send (`nil`: any, in open mode),
    /// or the refusal of the whole request (SPEC §10).
    private func ingestAccount(_ token: String?, userID: String?) throws(IngestRefusal) -> String? {
        switch configuration.access.principal(token: token, userID: userID) {
        case .failure(let rejection): throw .refused(rejection)
        case .success(nil): return nil
        case .success(.ingest(let account)?): return account
        case .success(.some):
            throw .refused(Rejection(.forbidden, field: nil, "only an ingest token sends events"))
        }
    }

    /// Admits a batch; while the journal queue is over its limit, waits (holding
    /// the turnstile) instead of refusing: refusing one batch of a client while
    /// admitting its next would apply them out of order.
    private func admitWaiting(
        _ prepared: Result<Ingestor.PreparedBatch, IngestRefusal>
    ) async -> Result<Ingestor.PendingBatch, IngestRefusal> {
        while true {
            let pending = prepared.flatMap { p in Result { () throws(IngestRefusal) in try ingestor.admit(p) } }
            guard case .failure(.overloaded) = pending, !stopping.load(ordering: .acquiring) else { return pending }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

}

extension ZeroMQIngestServer {
    /// Shutdown: stop taking requests, answer those in flight, then return from `run`.
    public func stop() { stopping.store(true, ordering: .releasing) }
}
