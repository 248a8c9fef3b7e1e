//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

// Baselines for tools/bench-ingest and tools/bench-cluster, built only with LEADSTREAM_BENCHMARKS=1.
//
//   leadstream-benchmarks echo FILE BATCH_LINES WINDOW
//   leadstream-benchmarks memory FILE    (Memory.swift)
//
// Sends FILE cut into batches of BATCH_LINES lines (the very bytes `leadstream
// send` would send, in LS1 frames) to an in-process ROUTER that echoes each
// batch straight back, WINDOW batches in flight, over tcp loopback: the
// ceiling libzmq itself puts on acknowledged ingest. Prints JSON.

import Foundation
import LeadstreamCore
import LeadstreamWire
import ZeroMQ

func echo(file: String, batchLines: Int, window: Int) throws {
    let events = try EventFile(path: file)
    var batches: [[UInt8]] = []
    var lines = 0
    events.withBytes { bytes in
        var current: [UInt8] = []
        var n = 0
        for line in NDJSONLines(bytes) {
            current += line.bytes
            current.append(0x0A)
            n += 1
            lines += 1
            if n == batchLines {
                batches.append(current)
                current = []
                n = 0
            }
        }
        if n > 0 { batches.append(current) }
    }
    let context = try ZMQContext()
    let router = try Socket(context, type: .router)
    try router.set(.linger, 0)
    try router.bind("tcp://127.0.0.1:*")
    let endpoint = try router.lastEndpoint
    let handoff = Handoff(router)
    let total = batches.count
    // The echo socket stays open until the client has every reply: closed at once (linger 0), it would drop
    // the replies still queued, and the client would wait for ever (the hang bench-ingest used to time out).
    let clientDone = DispatchSemaphore(value: 0)
    let server = Thread {
        let router = handoff.take()
        for _ in 0..<total {
            guard let frames = try? router.receiveMultipart() else { break }
            _ = try? router.sendMultipart(frames)
        }
        clientDone.wait()
        router.close()
    }
    server.start()
    let dealer = try Socket(context, type: .dealer)
    try dealer.set(.linger, 0)
    try dealer.connect(endpoint)
    let start = ContinuousClock.now
    var sent = 0
    var received = 0
    while received < total {
        while sent < total, sent - received < window {
            try dealer.sendMultipart(WireFrames.encode(.ingest, id: UInt64(sent + 1), body: batches[sent]))
            sent += 1
        }
        if try dealer.receiveMultipart() != nil { received += 1 }
    }
    let seconds = (ContinuousClock.now - start) / .seconds(1)
    clientDone.signal()
    dealer.close()
    while !server.isFinished { usleep(1000) }
    try context.terminate()
    print(#"{"events": \#(lines), "batches": \#(total), "seconds": \#(seconds), "events_per_s": \#(Double(lines) / seconds)}"#)
}

final class Handoff: @unchecked Sendable {
    private var socket: Socket?
    init(_ s: consuming Socket) { socket = consume s }
    func take() -> Socket { socket.take()! }
}

let args = CommandLine.arguments
if args.count == 5, args[1] == "echo", let b = Int(args[3]), let w = Int(args[4]) {
    try echo(file: args[2], batchLines: b, window: w)
} else if args.count == 3, args[1] == "memory" {
    try memory(file: args[2])
} else {
    FileHandle.standardError.write(
        "usage: leadstream-benchmarks echo FILE BATCH_LINES WINDOW\n       leadstream-benchmarks memory FILE\n"
            .data(using: .utf8)!)
    exit(2)
}
