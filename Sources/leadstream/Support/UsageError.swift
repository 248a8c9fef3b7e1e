//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

#if canImport(Glibc)
import Glibc
#endif

/// A request the user must fix: printed as `leadstream: error: CODE: message`,
/// exit 2; a refused one (`unauthorized`, `forbidden`: SPEC §10) exits 3.
struct UsageError: Error {
    var code: ErrorCode
    var message: String

    init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    init(_ rejection: Rejection) { self.init(rejection.code, rejection.message) }

    static func exit(_ code: ErrorCode, _ message: String) -> Never {
        Stderr.write("leadstream: error: \(code.rawValue): \(message)\n")
        Glibc.exit(code == .unauthorized || code == .forbidden ? 3 : 2)
    }
}

/// Writes to standard error, whole.
enum Stderr {
    static func write(_ text: String) { FD.write(2, text) }
}

enum FD {
    /// Writes all of `text` to a file descriptor, retrying short writes and EINTR.
    static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buf in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                off += n
            }
        }
    }
}

/// Writes to standard output, whole.
enum Stdout {
    static func write(_ text: String) { FD.write(1, text) }
}
