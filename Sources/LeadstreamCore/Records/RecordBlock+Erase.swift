//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Tenant erasure (`leadstream erase`, docs/operations.md "Tenant erasure"): a block without one account.
extension RecordBlock {
    /// What erasing an account from a block gave.
    public struct Erasure: Sendable, Equatable {
        /// The block's new bytes: every entry of other accounts byte for byte as it was, in order; each of the
        /// account's events an `erased` placeholder (so every event keeps its sequence number); its definition
        /// an `erasedAccount` slot (so no other account's id moves); its names left out.
        public var bytes: [UInt8]
        /// The account's events the block held (now placeholders).
        public var events: Int
    }

    /// The block without `account`'s names, ids and bytes; `nil` when it holds nothing of it.
    public func erasing(account: UInt32) -> Erasure? {
        bytes.withUnsafeBytes { raw -> Erasure? in
            var r = RecordReader(raw)
            r.skipHeader()
            var w = RecordWriter(reservingEvents: events)
            var erased = 0
            var touched = false
            var start = r.position
            while let entry = r.next() {
                let end = r.position
                defer { start = end }
                guard entry.account == account else {
                    w.copy(UnsafeRawBufferPointer(rebasing: raw[start..<end]), event: entry.isEvent)
                    continue
                }
                touched = true
                switch entry {
                case .account, .erasedAccount: w.erasedAccount(account)
                case .name: break
                case .created, .updated, .settings:
                    w.erased()
                    erased += 1
                case .erased: w.erased()  // not reached: a placeholder has no account
                }
            }
            guard touched else { return nil }
            return Erasure(bytes: w.finish(), events: erased)
        }
    }
}
