//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process-wide cache of validated zones.
///
/// Checking a name touches the file system and building its transition table
/// takes about a millisecond, while `account.settings` events may name the
/// same zone again and again; so each valid name is checked and built once.
/// Unknown names are not cached: they are cheap to refuse and a client could
/// otherwise grow the cache without bound.
enum ZoneCatalog {
    /// Where the system's tz database lives (SPEC §1).
    static let directory = "/usr/share/zoneinfo/"

    private static let cache = Mutex<[String: Zone]>(["UTC": .utc])

    /// The zone of `name`, validated and cached; `nil` when it is not a zone name.
    static func zone(named name: String) -> Zone? {
        if let zone = cache.withLock({ $0[name] }) { return zone }
        guard isWellFormed(name), isZoneFile(name), let timeZone = TimeZone(identifier: name) else { return nil }
        // Built outside the lock; if two threads race, the first one stored wins.
        let built = Zone(name: name, rules: ZoneRules(timeZone: timeZone))
        return cache.withLock { cache in
            if let existing = cache[name] { return existing }
            cache[name] = built
            return built
        }
    }

    /// Letters, digits and `/ _ + -`, in non-empty `/`-separated parts, at
    /// most 128 bytes: nothing that could leave the zoneinfo directory
    /// (`..`, a leading `/`) or name the same file two ways (`A//B`).
    static func isWellFormed(_ name: String) -> Bool {
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= 128, bytes.first != UInt8(ascii: "/"), bytes.last != UInt8(ascii: "/")
        else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                break
            case UInt8(ascii: "/"):
                if previous == UInt8(ascii: "/") { return false }
            default:
                return false
            }
            previous = byte
        }
        return true
    }

    /// Whether `directory + name` is a regular file (following links, as the tz database uses them for aliases).
    static func isZoneFile(_ name: String) -> Bool {
        var info = stat()
        guard stat(directory + name, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFREG
    }
}
