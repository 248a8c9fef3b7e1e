//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole NDJSON file in memory, read once: offline reports and `send` walk its lines.
public final class EventFile: @unchecked Sendable {  // immutable after init
    public let path: String
    private let storage: UnsafeMutableRawBufferPointer
    /// Regular files are mapped rather than read: no copy, and pages come
    /// straight from the page cache.
    private let mapped: Bool

    /// Reads `path` (`-` for standard input).
    public init(path: String) throws(FileError) {
        self.path = path
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var capacity = 1 << 20
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0 {
            if (st.st_mode & S_IFMT) == S_IFREG,
                let p = mmap(nil, Int(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED
            {
                madvise(p, Int(st.st_size), MADV_SEQUENTIAL)
                storage = UnsafeMutableRawBufferPointer(start: p, count: Int(st.st_size))
                mapped = true
                return
            }
            capacity = Int(st.st_size) + 1
        }
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        var count = 0
        while true {
            if count == buffer.count {
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
            }
            let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                buffer.deallocate()
                throw FileError(path: path, errno: e)
            }
            count += n
        }
        storage = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
        mapped = false
    }

    deinit {
        if mapped {
            munmap(storage.baseAddress, storage.count)
        } else {
            UnsafeMutableRawBufferPointer(start: storage.baseAddress, count: max(storage.count, 1)).deallocate()
        }
    }

    /// The file's bytes, valid while `self` lives.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(storage))
    }
}

/// A file that could not be read.
public struct FileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var errno: Int32
    public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}

/// One rejected line of a bulk input, as SPEC §11 prints it.
public struct LineRejection: Hashable, Sendable {
    public var line: Int
    public var rejection: Rejection
    public init(line: Int, rejection: Rejection) {
        self.line = line
        self.rejection = rejection
    }
    /// `line N: CODE FIELD: message`.
    public var text: String { "line \(line): \(rejection.summary)" }
}

extension LeadRegistry {
    /// Applies every line of an NDJSON buffer in order (offline mode, SPEC §11)
    /// and returns the rejected lines. Lines are decoded on other threads
    /// while this one applies them.
    public mutating func apply(ndjson bytes: UnsafeRawBufferPointer) -> [LineRejection] {
        var rejected: [LineRejection] = []
        ParallelDecoder.decode(bytes) { chunk in
            for (number, line) in chunk.lines {
                switch line {
                case .blank: continue
                case .rejected(let r): rejected.append(LineRejection(line: number, rejection: r))
                case .event(let e):
                    if case .rejected(let r) = apply(e) { rejected.append(LineRejection(line: number, rejection: r)) }
                }
            }
        }
        return rejected
    }
}
