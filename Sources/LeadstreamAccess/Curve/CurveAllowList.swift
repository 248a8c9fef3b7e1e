//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import Synchronization
import ZeroMQ

/// `--curve-allow FILE`: the client keys a server admits, one a line as
/// `Z85 [client|operator|component]` (`client` when omitted; `#` starts a
/// comment). The file is read again when it changes, so keys are added and
/// removed without a restart.
public final class CurveAllowList: Sendable {
    public let path: String
    private struct Loaded {
        var keys: [String: KeyRole] = [:]
        var stamp: (Date?, Int)? = nil
        var checkedAt = ContinuousClock.now
    }
    private let loaded = Mutex(Loaded())

    /// Reads the file now: a malformed one is an error at start, not a silent empty list.
    public init(path: String) throws {
        self.path = path
        let keys = try Self.parse(String(contentsOfFile: path, encoding: .utf8))
        let stamp = Self.stamp(path)
        loaded.withLock {
            $0.keys = keys
            $0.stamp = stamp
        }
    }

    /// The role of `key`, or `nil` when it is not listed (the file is re-read if it changed, at most every 200 ms).
    public func role(of key: String) -> KeyRole? {
        loaded.withLock { l in
            let now = ContinuousClock.now
            if now - l.checkedAt >= .milliseconds(200) {
                l.checkedAt = now
                let stamp = Self.stamp(path)
                if stamp.0 != l.stamp?.0 || stamp.1 != l.stamp?.1,
                    let text = try? String(contentsOfFile: path, encoding: .utf8), let keys = try? Self.parse(text)
                {
                    l.keys = keys
                    l.stamp = stamp
                }
            }
            return l.keys[key]
        }
    }

    /// Parses the file's text.
    public static func parse(_ text: String) throws -> [String: KeyRole] {
        var keys: [String: KeyRole] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            // Z85 uses `#` too: a comment is a word starting with `#` that is not the line's key.
            if let first = words.first, first.hasPrefix("#"), !isKey(first) { continue }
            if let comment = words.dropFirst().firstIndex(where: { $0.hasPrefix("#") }) { words = Array(words[..<comment]) }
            guard let key = words.first else { continue }
            guard isKey(key) else {
                throw CurveFileError("line \(n + 1): '\(key)' is not a 40-character Z85 public key")
            }
            var role = KeyRole.client
            if words.count > 1 {
                guard words.count == 2, let r = KeyRole(rawValue: words[1]) else {
                    throw CurveFileError("line \(n + 1): the role must be client, operator or component")
                }
                role = r
            }
            keys[key] = role
        }
        return keys
    }

    static func isKey(_ word: String) -> Bool { word.utf8.count == 40 && Curve.z85Decode(word) != nil }

    private static func stamp(_ path: String) -> (Date?, Int) {
        let a = try? FileManager.default.attributesOfItem(atPath: path)
        return (a?[.modificationDate] as? Date, (a?[.size] as? Int) ?? -1)
    }
}

public struct CurveFileError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
