//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A compact binary form of `LeadChange` for the gateway → worker stream.
///
/// Every event crosses this hop, so the format is fixed-layout binary
/// (little-endian integers, length-prefixed UTF-8 strings) rather than JSON:
/// no parsing, no allocation beyond the strings. Version byte first, so a
/// worker refuses a stream it does not understand.
public enum ChangeCodec {
    public static let version: UInt8 = 1

    public static func encode(_ changes: [LeadChange]) -> [UInt8] {
        var w = ByteWriter()
        w.u8(version)
        w.u32(UInt32(changes.count))
        for c in changes {
            w.u64(c.sequence)
            w.string(c.account)
            switch c.kind {
            case .lead(let before, let after):
                w.u8(before == nil ? 1 : 2)
                if let before { w.facts(before) }
                w.facts(after)
            case .settings(let s):
                w.u8(3)
                w.string(s.zone.name)
                w.u8(s.unqualifiedEnabled ? 1 : 0)
                w.u8(s.activeSources.bits)
            }
        }
        return w.bytes
    }

    /// Decodes a buffer made by `encode`; `nil` when it is not one.
    public static func decode(_ bytes: [UInt8]) -> [LeadChange]? {
        var r = ByteReader(bytes)
        guard r.u8() == version, let n = r.u32() else { return nil }
        var out: [LeadChange] = []
        out.reserveCapacity(Int(min(n, 1 << 20)))
        for _ in 0..<n {
            guard let seq = r.u64(), let account = r.string(), let tag = r.u8() else { return nil }
            switch tag {
            case 1, 2:
                var before: LeadFacts?
                if tag == 2 {
                    guard let b = r.facts() else { return nil }
                    before = b
                }
                guard let after = r.facts() else { return nil }
                out.append(LeadChange(sequence: seq, account: account, kind: .lead(before: before, after: after)))
            case 3:
                guard let name = r.string(), let zone = Zone.named(name), let on = r.u8(), let bits = r.u8() else {
                    return nil
                }
                let settings = AccountSettings(
                    zone: zone, unqualifiedEnabled: on == 1, activeSources: WidgetSourceSet(bits: bits))
                out.append(LeadChange(sequence: seq, account: account, kind: .settings(settings)))
            default: return nil
            }
        }
        return r.atEnd ? out : nil
    }
}
