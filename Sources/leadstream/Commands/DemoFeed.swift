//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamClients
import LeadstreamLoad
import Logging
import ServiceLifecycle
import ZeroMQ

/// `run --demo`: feeds a realistic sample stream (`EventStream`) to the gateway
/// at a steady rate through the acknowledged ingest, as a CRM would, so a
/// newcomer sees figures move on the page and in `subscribe`. Its events
/// happen at the moment they are sent: today, in every account's timezone. Its ids start at 1 every time:
/// give the demo a fresh data folder (tools/demo does).
struct DemoFeed: Service {
    var ingest: String
    var rate: Int
    var context: ZMQContext
    var logger: Logger

    func run() async throws {
        // Events happen now, so `--period today`/`this_month` and the page show figures moving at once.
        var configuration = EventStream.Configuration(seed: 7, accounts: 5)
        configuration.wallClock = true
        var stream = EventStream(configuration: configuration)
        let client = IngestClient(configuration: .init(endpoint: ingest, batchLines: 1_000, window: 1))
        let perTick = max(1, rate / 10)
        var sent = 0
        logger.info("demo feeding events", metadata: ["rate": "\(rate)/s"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let batch = stream.nextBatch(count: perTick)
            let summary = try batch.withUnsafeBytes { try client.send($0, context: context) }
            sent += summary.accepted
            if sent / 10_000 != (sent - summary.accepted) / 10_000 {
                logger.info("demo events accepted", metadata: ["accepted": "\(sent)"])
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
