//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore
import ZeroMQ

extension IngestClient {
    /// Sends every line and returns once each batch is acknowledged.
    /// - Parameters:
    ///   - progress: called after each acknowledged batch with (lines done, lines total).
    ///   - observer: pacing and per-batch timing (`leadstream load`).
    public func send(
        _ bytes: UnsafeRawBufferPointer, context: ZMQContext, observer: Observer = Observer(),
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Summary {
        let (batches, local) = self.batches(bytes)
        var summary = Summary()
        summary.rejected = local
        summary.batches = batches.count
        let totalLines = batches.reduce(0) { $0 + $1.lines }
        guard !batches.isEmpty else { return summary }

        let socket = try Socket(context, type: .dealer)
        let outcome = Result { () throws -> Void in
            try socket.set(.linger, 0)
            try socket.secure(configuration.security)
            // Queue only to a live connection: when the gateway goes away, what was
            // queued for it is dropped instead of being delivered after the reconnect,
            // ahead of the earlier batches this client must send again (arrival order).
            try socket.set(.immediate, true)
            try socket.connect(configuration.endpoint)
            try exchange(
                batches, on: socket, into: &summary, observer: observer, progress: { progress($0, totalLines) })
        }
        socket.close()
        try outcome.get()
        summary.rejected.sort { $0.line < $1.line }
        return summary
    }

    /// The batches' states: the gateway applies batches in the order it receives
    /// them, so a batch is only ever sent after every lower one that is not yet
    /// acknowledged, and a suspected loss resends all outstanding ones, in order.
    private func exchange(
        _ batches: [Batch], on socket: borrowing Socket, into summary: inout Summary, observer: Observer,
        progress: (Int) -> Void
    ) throws {
        var acked = [Bool](repeating: false, count: batches.count)
        var sentAt: [Int: ContinuousClock.Instant] = [:]  // in flight
        var firstSentAt = [ContinuousClock.Instant?](repeating: nil, count: batches.count)
        var toSend: [Int] = []  // ascending: resends first, then new batches
        var next = 0  // the first batch never sent
        var done = 0
        var linesDone = 0
        var lastAnswer = ContinuousClock.now
        var pausedUntil = ContinuousClock.now
        // Resend rounds: the request id's high half, so answers to an older round's copies are told apart.
        var round: UInt64 = 0
        let session = UInt64.random(in: 1...UInt64.max)
        var lowest = 0  // the lowest batch not yet acknowledged
        func resendOutstanding() {
            round += 1
            toSend = Array(Set(toSend + sentAt.keys)).sorted()
            sentAt.removeAll()
        }
        while done < batches.count {
            let now = ContinuousClock.now
            // A batch unanswered in time: anything after it may have been lost too,
            // or may arrive before its resend. Resend every outstanding batch, in order.
            if sentAt.values.contains(where: { now - $0 > configuration.timeout }) {
                summary.retries += sentAt.count
                resendOutstanding()
            }
            var wakeAt = now + .milliseconds(50)
            while toSend.count + sentAt.count < configuration.window, next < batches.count {
                if let due = observer.schedule?(next), due > now {
                    wakeAt = min(wakeAt, due)
                    break
                }
                toSend.append(next)
                next += 1
            }
            while let i = toSend.first, now >= pausedUntil {
                if acked[i] {
                    toSend.removeFirst()
                    continue
                }
                while lowest < batches.count, acked[lowest] { lowest += 1 }
                let frames = WireFrames.Request(
                    verb: .ingest, id: round << 32 | UInt64(i + 1), body: batches[i].payload,
                    ordering: .init(session: session, lowestUnacknowledged: UInt64(lowest + 1)),
                    token: configuration.token, importing: configuration.importing
                ).frames
                guard case .processed = try socket.sendMultipart(frames, dontWait: true) else { break }
                toSend.removeFirst()
                sentAt[i] = .now
                if firstSentAt[i] == nil { firstSentAt[i] = sentAt[i] }
            }
            guard now - lastAnswer < configuration.giveUpAfter else {
                throw Failure(description: "no answer from \(configuration.endpoint) for \(configuration.giveUpAfter)")
            }
            guard try Poller.wait(for: .pollIn, on: socket, timeout: max(.zero, wakeAt - now)).contains(.pollIn) else {
                continue
            }
            while let frames = try socket.receiveMultipart(dontWait: true) {
                lastAnswer = .now
                guard let reply = WireFrames.decode(frames[...]) else { continue }
                let i = Int(reply.id & 0xFFFF_FFFF) - 1
                let replyRound = reply.id >> 32
                guard batches.indices.contains(i), !acked[i] else { continue }  // late answer to a resent batch
                switch reply.verb {
                case .ack:
                    acked[i] = true
                    sentAt[i] = nil
                    done += 1
                    let (last, skipped) = try absorb(reply.body, batch: batches[i], into: &summary)
                    if let acknowledged = observer.acknowledged, let first = firstSentAt[i] {
                        acknowledged(
                            Acknowledgement(
                                index: i, firstLine: batches[i].firstLine, lines: batches[i].lines, firstSentAt: first,
                                acknowledgedAt: lastAnswer, lastSequence: last, skippedLines: skipped))
                    }
                    linesDone += batches[i].lines
                    progress(linesDone)
                case .error:
                    let body = String(decoding: reply.body, as: UTF8.self)
                    if body.contains("\"out_of_order\"") {
                        // An earlier batch was lost: send everything outstanding again, in order
                        // (once per round: the other copies of this round will be refused too).
                        if replyRound == round { resendOutstanding() }
                        continue
                    }
                    guard body.contains("\"overloaded\"") || body.contains("\"unavailable\"") else {
                        let refusal = WireFrames.ErrorBody(reply.body)
                        throw Failure(
                            description: refusal?.message ?? "gateway refused batch \(i + 1): \(body)", code: refusal?.code)
                    }
                    // Refused whole: it and everything after it go again, in order, after a pause.
                    if replyRound == round { resendOutstanding() }
                    pausedUntil = .now + .seconds(1)
                default: continue
                }
            }
        }
    }
}
