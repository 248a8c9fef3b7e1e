//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

extension IngestClient {
    /// Adds one `ack` body (a BatchResult's wire form) to the summary,
    /// turning batch line numbers into file line numbers. An ack is one small
    /// object per batch, so Foundation's parser is fine here.
    /// - Returns: the batch's `last_seq` (nil when it accepted nothing) and the
    ///   batch line numbers of its lines that were not accepted (duplicates, rejected).
    @discardableResult
    func absorb(_ body: [UInt8], batch: Batch, into summary: inout Summary) throws -> (last: UInt64?, skipped: Set<Int>) {
        guard let ack = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let accepted = ack["accepted"] as? Int, let duplicates = ack["duplicates"] as? Int,
            let rejected = ack["rejected"] as? [[String: Any]]
        else {
            throw Failure(description: "unreadable acknowledgement: \(String(decoding: body, as: UTF8.self))")
        }
        summary.accepted += accepted
        summary.duplicates += duplicates
        let last = (ack["last_seq"] as? Int).map { UInt64($0) }
        if let last { summary.lastSequence = max(summary.lastSequence ?? 0, last) }
        var skipped = Set((ack["duplicate_lines"] as? [Int]) ?? [])
        for r in rejected {
            guard let line = r["line"] as? Int, let codeName = r["code"] as? String, let code = ErrorCode(rawValue: codeName)
            else { continue }
            skipped.insert(line)
            let rejection = Rejection(code, field: r["field"] as? String, r["message"] as? String ?? "")
            summary.rejected.append(LineRejection(line: line + batch.firstLine - 1, rejection: rejection))
        }
        return (last, skipped)
    }
}
