import CZeroMQ

/// Facts about the libzmq library this process is linked against.
///
/// The module is named `ZeroMQ` too, so `ZeroMQ.version` reads naturally; the flip side is that
/// `ZeroMQ.Socket`-style module qualification resolves to this enum, so qualify nothing through it.
public enum ZeroMQ {
    // MARK: - Version

    /// A libzmq version triple, comparable so callers can gate on features.
    public struct Version: Comparable, Hashable, Sendable, CustomStringConvertible {
        public var major: Int
        public var minor: Int
        public var patch: Int

        public init(major: Int, minor: Int, patch: Int) {
            self.major = major
            self.minor = minor
            self.patch = patch
        }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }

        public var description: String { "\(major).\(minor).\(patch)" }
    }

    /// The version of the libzmq loaded at run time (not the header's), via
    /// [zmq_version](http://api.zeromq.org/4-3:zmq-version).
    public static var version: Version {
        var major: CInt = 0
        var minor: CInt = 0
        var patch: CInt = 0
        zmq_version(&major, &minor, &patch)
        return Version(major: Int(major), minor: Int(minor), patch: Int(patch))
    }

    // MARK: - Capabilities

    /// Whether libzmq was built with a capability such as `"curve"`, `"ipc"` or `"draft"`, via
    /// [zmq_has](http://api.zeromq.org/4-3:zmq-has). Check before relying on optional transports.
    public static func has(_ capability: String) -> Bool {
        zmq_has(capability) == 1
    }
}
