//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamGateway
import Logging
import ServiceLifecycle

/// `run --demo`: feeds a realistic sample stream to the gateway at a steady
/// rate, as a CRM would, so a newcomer sees figures move.
struct DemoFeed: Service {
    var ingest: String
    var rate: Int
    var logger: Logger

    func run() async throws {
        // Placeholder until the generator lands: the stream comes from LeadstreamLoad.
        try await gracefulShutdown()
    }
}
