//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamClients
import LeadstreamWire
import ZeroMQ

/// LS1 requests to the aggregator's `--query` endpoint from async code.
///
/// A ZeroMQ socket belongs to one thread, and a request blocks until its reply
/// (a report waits for the merge to reach what the gateway acknowledged). So
/// the pool keeps a few threads, each with its own DEALER (`WireRequester`),
/// that take requests from one queue; an HTTP handler awaits its reply
/// without holding a cooperative thread. At most `size` requests are in
/// flight; more wait in the queue.
final class QueryPool: @unchecked Sendable {
    struct Reply: Sendable {
        var verb: WireFrames.Verb
        var body: [UInt8]
    }

    /// The pool was stopped before the request could be sent.
    struct Stopped: Error {}

    private struct Job {
        var verb: WireFrames.Verb
        var body: [UInt8]
        var token: String?
        var done: CheckedContinuation<Reply?, any Error>
    }

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopped = false
    private let finished = DispatchGroup()

    /// Starts `size` threads, each connected to `endpoint`.
    init(context: ZMQContext, endpoint: String, size: Int, timeout: Duration, security: SocketSecurity) throws(ZMQError)
    {
        // Connected here, so a bad endpoint fails the start; each thread then owns its own.
        var boxes: [RequesterBox] = []
        for _ in 0..<max(1, size) {
            boxes.append(
                RequesterBox(try WireRequester(context: context, endpoint: endpoint, timeout: timeout, security: security)))
        }
        for (i, box) in boxes.enumerated() {
            finished.enter()
            let thread = Thread { [self] in
                serve(box.take())
                finished.leave()
            }
            thread.name = "leadstream-web-query-\(i)"
            thread.start()
        }
    }

    /// Sends one request with `token` and waits for its reply; `nil` when none came within the timeout.
    func call(_ verb: WireFrames.Verb, body: [UInt8], token: String?) async throws -> Reply? {
        try await withCheckedThrowingContinuation { done in
            condition.lock()
            defer { condition.unlock() }
            guard !stopped else { return done.resume(throwing: Stopped()) }
            queue.append(Job(verb: verb, body: body, token: token, done: done))
            condition.signal()
        }
    }

    /// Answers what is queued with `Stopped`, ends the threads and closes their sockets; returns when they have.
    func stop() {
        condition.lock()
        stopped = true
        let left = queue
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
        for job in left { job.done.resume(throwing: Stopped()) }
        finished.wait()
    }

    private func serve(_ requester: consuming WireRequester) {
        while let job = next() {
            let reply = Result { () throws(ZMQError) -> Reply? in
                try requester.call(job.verb, body: job.body, token: job.token).map { Reply(verb: $0.verb, body: $0.body) }
            }
            job.done.resume(with: reply.mapError { $0 as any Error })
        }
        requester.close()
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !stopped { condition.wait() }
        return stopped ? nil : queue.removeFirst()
    }
}

/// Hands a noncopyable requester to the thread that owns it from then on.
private final class RequesterBox: @unchecked Sendable {
    private var requester: WireRequester?
    init(_ requester: consuming WireRequester) { self.requester = consume requester }
    func take() -> WireRequester { requester.take()! }
}
