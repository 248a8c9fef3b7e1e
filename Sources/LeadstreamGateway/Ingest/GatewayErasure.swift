//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Dispatch
import Foundation
import LeadstreamAccess
import LeadstreamCore
import LeadstreamJournal
import Logging

/// The gateway's half of a tenant erasure (`erase` on the ingest ROUTER; docs/operations.md, "Tenant
/// erasure"): every trace of one account gone from the journal, the registry, the checkpoint and the token
/// store, while admission is held.
///
/// In order, each step safe to be killed after (a rerun of `erase` finishes the work):
/// 1. hold admission and wait until everything admitted is committed: the journal's head H then covers every
///    event of the account there will ever be under its current id;
/// 2. remove the gateway checkpoint (and its `.rejected` and `.tmp` copies): it holds the account's event ids,
///    and a start without it replays the journal, which is right whether step 3 happened or not;
/// 3. rewrite every block that holds the account (`RecordBlock.erasing`, one transaction), then checkpoint
///    the WAL and VACUUM with `secure_delete`, so no free page or WAL frame keeps the old bodies;
/// 4. drop the account from the registry and save a fresh checkpoint;
/// 5. delete its tokens from the token store (then VACUUM);
/// 6. admit again. An event of the account that arrives later starts it afresh, under a new id.
public final class GatewayErasure: Sendable {
    private let ingestor: Ingestor
    private let journal: Journal
    private let checkpoints: GatewayCheckpointWriter
    private let data: String
    private let logger: Logger

    /// - Parameter data: the gateway's data folder (its token store, if there is one, is erased too).
    public init(ingestor: Ingestor, journal: Journal, checkpoints: GatewayCheckpointWriter, data: String, logger: Logger) {
        self.ingestor = ingestor
        self.journal = journal
        self.checkpoints = checkpoints
        self.data = data
        self.logger = logger
    }

    /// What an erasure did: the `erased` reply's body (docs/protocol.md).
    public struct Outcome: Sendable {
        public var account: String
        /// Whether the registry knew the account.
        public var known: Bool
        /// The journal's head while admission was held: the aggregator erases once it merged through it.
        public var through: UInt64
        public var events = 0
        public var blocks = 0
        public var tokens = 0
        public var filesRemoved: [String] = []
        public var milliseconds = 0

        public var json: JSONValue {
            .object([
                ("account", .string(account)), ("known", .bool(known)), ("through", .int(Int(through))),
                ("events", .int(events)), ("blocks", .int(blocks)), ("tokens", .int(tokens)),
                ("files_removed", .array(filesRemoved.map { .string(($0 as NSString).lastPathComponent) })),
                ("ms", .int(milliseconds)),
            ])
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        /// Another erasure runs, or the journal failed.
        case busy
        case failed(String)

        public var description: String {
            switch self {
            case .busy: "another erasure runs, or ingest is stopped; try again"
            case .failed(let why): why
            }
        }
    }

    /// Erases `account`. The file work (the journal's rewrite and VACUUM, the checkpoint, the token store) runs
    /// on a dispatch queue of its own, not on the cooperative pool, whose two threads keep serving meanwhile.
    public func erase(account: String) async throws(Failure) -> Outcome {
        let start = ContinuousClock.now
        guard await ingestor.holdAdmission() else { throw .busy }
        defer { ingestor.releaseAdmission() }
        let result = await withCheckedContinuation { (c: CheckedContinuation<Result<Outcome, Failure>, Never>) in
            DispatchQueue(label: "leadstream-erase").async {
                c.resume(returning: Result { () throws(Failure) in try self.eraseHeld(account: account, start: start) })
            }
        }
        return try result.get()
    }

    /// Steps 2–5, with admission held.
    private func eraseHeld(account: String, start: ContinuousClock.Instant) throws(Failure) -> Outcome {
        var outcome = Outcome(account: account, known: false, through: journal.lastSequence)
        do {
            try checkpoints.exclusively {
                let id = ingestor.accountID(account)
                outcome.known = id != nil
                outcome.filesRemoved += checkpoints.checkpoint.file.removeStale(current: true)
                var events = 0
                let rewrite = try journal.rewrite { stored in
                    guard let id else { return nil }
                    guard let block = RecordBlock(stored.body) else {
                        throw JournalError.corrupt(first: stored.first, last: stored.last)
                    }
                    guard let erased = block.erasing(account: id) else { return nil }
                    events += erased.events
                    return erased.bytes
                }
                outcome.events = events
                outcome.blocks = rewrite.blocks
                ingestor.erase(account: account)
                try checkpoints.saveHeld()
            }
            let tokens = (data as NSString).appendingPathComponent(TokenStore.fileName)
            if FileManager.default.fileExists(atPath: tokens) {
                outcome.tokens = try TokenStore(data: data).eraseAccount(account)
            }
        } catch {
            logger.error("erase failed", metadata: ["error": "\(error)"])
            throw .failed("\(error)")
        }
        outcome.milliseconds = Int((ContinuousClock.now - start) / .milliseconds(1))
        // The account's name is not logged: the log would keep it.
        logger.notice(
            "account erased",
            metadata: [
                "through": "\(outcome.through)", "events": "\(outcome.events)", "blocks": "\(outcome.blocks)",
                "tokens": "\(outcome.tokens)", "ms": "\(outcome.milliseconds)",
            ])
        return outcome
    }
}
