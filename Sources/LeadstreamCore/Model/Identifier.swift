//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The identifier rule of SPEC §1: 1–128 characters from `A–Z a–z 0–9 . _ : @ -`.
///
/// `event_id`, `account`, `office`, `lead_id`, `user` and `campaign` all obey
/// it, on the event decoder's hot path and in report parameters. The check
/// runs on raw bytes against a 256-entry table, so it costs one load per byte
/// and never builds a `String`: every allowed character is ASCII, so any
/// byte ≥ 0x80 (part of a multi-byte character) is simply not in the table.
public enum Identifier {
    /// The longest identifier, in characters (= bytes: all allowed characters are ASCII).
    public static let maxLength = 128

    /// Whether `bytes` is a valid identifier; `""` only when `allowEmpty`
    /// (`user` and `campaign`, where it means "none").
    @inlinable
    public static func isValid(_ bytes: UnsafeRawBufferPointer, allowEmpty: Bool) -> Bool {
        if bytes.isEmpty { return allowEmpty }
        guard bytes.count <= maxLength else { return false }
        return allowedTable.withUnsafeBufferPointer { table in
            for b in bytes where table[Int(b)] == 0 { return false }
            return true
        }
    }

    /// The same check on a `String` (report parameters, tests).
    public static func isValid(_ s: String, allowEmpty: Bool) -> Bool {
        var s = s
        return s.withUTF8 { isValid(UnsafeRawBufferPointer($0), allowEmpty: allowEmpty) }
    }

    /// 1 for each byte allowed in an identifier, 0 for every other byte.
    @usableFromInline
    static let allowedTable: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0,  // - .
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,  // 0-9 :
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // @ A-O
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,  // P-Z _
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // a-o
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,  // p-z
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]
}
