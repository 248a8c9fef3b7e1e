//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamAccess
import LeadstreamCore
import LeadstreamJournal
import LeadstreamWire
import Logging

/// An `erase` the query thread forwarded: `{"account": A, "through": H}`, applied once the merge has reached
/// H, the gateway's head when it erased the account (docs/operations.md, "Tenant erasure").
struct PendingErasure {
    var command: BoardCommand
    var account: String
    var through: UInt64
    var deadline: ContinuousClock.Instant

    init(_ command: BoardCommand, deadline: ContinuousClock.Instant) throws(Rejection) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(command.body))) as? [String: Any],
            let account = object["account"] as? String, Identifier.isValid(account, allowEmpty: false)
        else {
            throw Rejection(.badRequest, field: nil, "not an erase request: {\"account\", \"through\"}")
        }
        let through = object["through"] as? Int ?? 0
        guard through >= 0 else { throw Rejection(.invalidValue, field: "through", "through must be ≥ 0") }
        self.command = command
        self.account = account
        self.through = UInt64(through)
        self.deadline = deadline
    }

    static func parse(_ command: BoardCommand, deadline: ContinuousClock.Instant) -> Result<PendingErasure, Rejection> {
        Result { () throws(Rejection) in try PendingErasure(command, deadline: deadline) }
    }
}

extension AggregatorLoop {
    /// Applies the erasures the merge has reached; refuses those that waited longer than a query may.
    ///
    /// Why wait for H: the blocks ≤ H that this aggregator has not merged yet may still come as they were
    /// forwarded before the rewrite (workers' partials), with the account's records; merged first, they are
    /// erased with the rest. Blocks after H never hold the account under its old id (the gateway forgot it),
    /// and a replay of any block returns it rewritten.
    mutating func applyErasures() throws {
        guard !erasures.isEmpty else { return }
        var still: [PendingErasure] = []
        for erasure in erasures {
            if state.merged >= erasure.through {
                try apply(erasure)
            } else if ContinuousClock.now >= erasure.deadline {
                let why = "merged \(state.merged) of the \(erasure.through) events before the erasure"
                try feed.answer(erasure.command, .error, Rejection(.unavailable, field: nil, why).wireBody, state: state)
            } else {
                still.append(erasure)
            }
        }
        erasures = still
    }

    private mutating func apply(_ erasure: PendingErasure) throws {
        let start = ContinuousClock.now
        let account = erasure.account
        let known = state.erase(account)
        let topicsWithdrawn = topics.withdraw(account).count
        feed.board.withdraw(account: account)
        var removed: [String] = []
        var tokens = 0
        do {
            try checkpoints.saveErased(state)
            removed = checkpoints.checkpoint.file.removeStale()
            let data = (checkpoints.checkpoint.path as NSString).deletingLastPathComponent
            let store = ((data.isEmpty ? "." : data) as NSString).appendingPathComponent(TokenStore.fileName)
            if FileManager.default.fileExists(atPath: store) {
                tokens = try TokenStore(data: data.isEmpty ? "." : data).eraseAccount(account)
            }
        } catch {
            logger.error("erase failed", metadata: ["error": "\(error)"])
            try feed.answer(
                erasure.command, .error, Rejection(.unavailable, field: nil, "erase failed: \(error)").wireBody,
                state: state)
            return
        }
        let ms = Int((ContinuousClock.now - start) / .milliseconds(1))
        // The account's name is not logged: the log would keep it.
        logger.notice("account erased", metadata: ["merged": "\(state.merged)", "topics": "\(topicsWithdrawn)", "ms": "\(ms)"])
        let body = JSONValue.object([
            ("account", .string(account)), ("known", .bool(known)), ("merged", .int(Int(state.merged))),
            ("topics", .int(topicsWithdrawn)), ("tokens", .int(tokens)),
            ("files_removed", .array(removed.map { .string(($0 as NSString).lastPathComponent) })), ("ms", .int(ms)),
        ])
        try feed.answer(erasure.command, .erased, Array(body.compact.utf8), state: state)
    }
}
