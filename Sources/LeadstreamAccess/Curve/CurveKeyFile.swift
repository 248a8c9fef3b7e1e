//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import ZeroMQ

/// The key pair file `leadstream keygen --out FILE` writes and
/// `--curve-secret FILE` reads:
///
///     # leadstream CURVE key pair: keep this file secret
///     public <40 Z85 characters>
///     secret <40 Z85 characters>
public enum CurveKeyFile {
    public static func render(_ keys: CurveKeyPair) -> String {
        "# leadstream CURVE key pair: keep this file secret\npublic \(keys.publicKey)\nsecret \(keys.secretKey)\n"
    }

    /// Writes the pair, readable by its owner only.
    public static func write(_ keys: CurveKeyPair, to path: String) throws {
        guard FileManager.default.createFile(
            atPath: path, contents: Data(render(keys).utf8), attributes: [.posixPermissions: 0o600])
        else { throw CurveFileError("cannot write \(path)") }
    }

    /// Reads a pair file; the public key is checked against the secret one.
    public static func read(_ path: String) throws -> CurveKeyPair {
        let fields = try fields(path)
        guard let secret = fields["secret"], secret.utf8.count == 40 else {
            throw CurveFileError("\(path) holds no 'secret' key (write one with leadstream keygen --out \(path))")
        }
        let derived: String
        do { derived = try Curve.publicKey(forSecretKey: secret) } catch {
            throw CurveFileError("\(path): the secret key is not valid Z85")
        }
        if let given = fields["public"], given != derived {
            throw CurveFileError("\(path): the public key does not belong to the secret key")
        }
        return CurveKeyPair(publicKey: derived, secretKey: secret)
    }

    /// `--curve-server-key Z85|FILE`: a key as it is, or the `public` line of a pair file or a file of one key.
    public static func publicKey(_ value: String) throws -> String {
        if value.utf8.count == 40, Curve.z85Decode(value) != nil { return value }
        guard FileManager.default.fileExists(atPath: value) else {
            throw CurveFileError("'\(value)' is neither a 40-character Z85 key nor a file")
        }
        let f = try fields(value)
        if let key = f["public"] ?? f[""], key.utf8.count == 40, Curve.z85Decode(key) != nil { return key }
        throw CurveFileError("\(value) holds no public key")
    }

    /// `name value` lines; a lone word is under `""`.
    private static func fields(_ path: String) throws -> [String: String] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CurveFileError("cannot read \(path)")
        }
        var out: [String: String] = [:]
        for raw in text.split(separator: "\n") {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            // Z85 uses `#` too: only a line that is not a lone 40-character key can be a comment.
            if raw.hasPrefix("#"), !(words.count == 1 && words[0].utf8.count == 40) { continue }
            if words.count == 2 { out[words[0]] = words[1] } else if words.count == 1 { out[""] = words[0] }
        }
        return out
    }
}
