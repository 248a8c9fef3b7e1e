//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore
import ZeroMQ

/// Sends an NDJSON buffer to a gateway and waits for every acknowledgement
/// (`leadstream send`, `leadstream load`).
///
/// The buffer is cut into batches of whole lines; up to `window` batches are
/// in flight; a batch not answered within `timeout` is sent again with the
/// same request id. Retrying is safe because the gateway drops an `event_id`
/// it already accepted (SPEC §2), but a retried batch whose first attempt did
/// commit reports its lines as duplicates.
public struct IngestClient: Sendable {
    public struct Configuration: Sendable {
        public var endpoint: String
        public var batchLines: Int
        public var batchBytes: Int
        public var window: Int
        public var timeout: Duration
        /// Give up after this long without any answer from the gateway.
        public var giveUpAfter: Duration
        /// The ingest token sent with every batch (`--access tokens`).
        public var token: String?
        /// CURVE, when the gateway's ingest endpoint is secured.
        public var security: SocketSecurity
        /// `leadstream move`'s copy of a history (`import=1`, docs/partitions.md).
        public var importing = false

        public init(
            endpoint: String = DefaultEndpoints.ingest, batchLines: Int = 1_000, batchBytes: Int = 4 << 20,
            window: Int = 8, timeout: Duration = .seconds(10), giveUpAfter: Duration = .seconds(120),
            token: String? = nil, security: SocketSecurity = .none
        ) {
            self.token = token
            self.security = security
            self.endpoint = endpoint
            self.batchLines = batchLines
            self.batchBytes = batchBytes
            self.window = window
            self.timeout = timeout
            self.giveUpAfter = giveUpAfter
        }
    }

    /// What the gateway said of the whole input.
    public struct Summary: Sendable {
        public var accepted = 0
        public var duplicates = 0
        /// In line order, file line numbers.
        public var rejected: [LineRejection] = []
        public var batches = 0
        public var retries = 0
        public var lastSequence: UInt64?

        public var json: JSONValue {
            .object([
                ("accepted", .int(accepted)), ("duplicates", .int(duplicates)), ("rejected", .int(rejected.count)),
            ])
        }
    }

    /// The client could not finish: the gateway stopped answering or refused for good.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
        /// The gateway's error code when it refused the request as a whole
        /// (`unauthorized`, `forbidden`: SPEC §10, exit 3).
        public var code: String?

        public init(description: String, code: String? = nil) {
            self.description = description
            self.code = code
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    /// Cuts the input into batches of whole lines (each with its first line number).
    /// Lines over the SPEC's size limit are rejected here, as the gateway would,
    /// instead of being shipped.
    func batches(_ bytes: UnsafeRawBufferPointer) -> (batches: [Batch], local: [LineRejection]) {
        var batches: [Batch] = []
        var local: [LineRejection] = []
        var current = Batch(firstLine: 1)
        var count = 0
        for line in NDJSONLines(bytes) {
            if count == configuration.batchLines || current.payload.count + line.bytes.count > configuration.batchBytes,
                count > 0
            {
                current.lines = count
                batches.append(current)
                current = Batch(firstLine: line.number)
                count = 0
            }
            if line.bytes.count > EventDecoder.maxLineBytes, case .rejected(let r) = EventDecoder.decode(line.bytes) {
                // Rejected here with the decoder's own verdict; an empty line stands in to keep numbering.
                local.append(LineRejection(line: line.number, rejection: r))
            } else {
                current.payload.append(contentsOf: line.bytes)
            }
            current.payload.append(0x0A)
            count += 1
        }
        if count > 0 {
            current.lines = count
            batches.append(current)
        }
        return (batches, local)
    }

    struct Batch {
        var firstLine: Int
        var payload: [UInt8] = []
        /// Lines in the batch, blank ones included.
        var lines = 0
    }
}
