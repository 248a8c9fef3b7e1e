//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import ZeroMQ

extension IngestClient {
    /// Sends every line and returns once each batch is acknowledged.
    /// - Parameter progress: called after each acknowledged batch with (lines done, lines total).
    public func send(
        _ bytes: UnsafeRawBufferPointer, context: ZMQContext, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Summary {
        let (batches, local) = self.batches(bytes)
        var summary = Summary()
        summary.rejected = local
        summary.batches = batches.count
        let totalLines = batches.last.map { $0.firstLine - 1 } ?? 0
        guard !batches.isEmpty else { return summary }

        let socket = try Socket(context, type: .dealer)
        let outcome = Result { () throws -> Void in
            try socket.set(.linger, 0)
            try socket.connect(configuration.endpoint)
            try exchange(batches, on: socket, into: &summary, progress: { progress($0, totalLines) })
        }
        socket.close()
        try outcome.get()
        summary.rejected.sort { $0.line < $1.line }
        return summary
    }

    private func exchange(
        _ batches: [Batch], on socket: borrowing Socket, into summary: inout Summary, progress: (Int) -> Void
    ) throws {
        var next = 0
        var sentAt: [Int: ContinuousClock.Instant] = [:]  // batch index → last send
        var retryAt: [Int: ContinuousClock.Instant] = [:]  // batch index → when an overloaded batch goes again
        var done = 0
        var linesDone = 0
        var lastAnswer = ContinuousClock.now
        func send(_ i: Int) throws {
            try socket.sendMultipart(WireFrames.encode(.ingest, id: UInt64(i + 1), body: batches[i].payload))
            sentAt[i] = .now
        }
        while done < batches.count {
            while next < batches.count, sentAt.count + retryAt.count < configuration.window {
                try send(next)
                next += 1
            }
            // Resend in batch order: the gateway applies batches in the order they arrive.
            let now = ContinuousClock.now
            for i in retryAt.keys.sorted() where retryAt[i]! <= now {
                retryAt[i] = nil
                try send(i)
            }
            for i in sentAt.keys.sorted() where now - sentAt[i]! > configuration.timeout {
                summary.retries += 1
                try send(i)
            }
            guard now - lastAnswer < configuration.giveUpAfter else {
                throw Failure(description: "no answer from \(configuration.endpoint) for \(configuration.giveUpAfter)")
            }
            guard try Poller.wait(for: .pollIn, on: socket, timeout: .milliseconds(100)).contains(.pollIn) else {
                continue
            }
            while let frames = try socket.receiveMultipart(dontWait: true) {
                lastAnswer = .now
                guard let reply = WireFrames.decode(frames[...]) else { continue }
                let i = Int(reply.id) - 1
                guard batches.indices.contains(i), sentAt[i] != nil else { continue }  // late answer to a retry
                switch reply.verb {
                case .ack:
                    sentAt[i] = nil
                    done += 1
                    try absorb(reply.body, batch: batches[i], into: &summary)
                    linesDone += batches[i].payload.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                    progress(linesDone)
                case .error:
                    let body = String(decoding: reply.body, as: UTF8.self)
                    if body.contains("\"overloaded\"") || body.contains("\"unavailable\"") {
                        sentAt[i] = nil
                        retryAt[i] = .now + .seconds(1)
                    } else {
                        throw Failure(description: "gateway refused batch \(i + 1): \(body)")
                    }
                default: continue
                }
            }
        }
    }
}
