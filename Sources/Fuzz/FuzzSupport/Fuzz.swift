//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#endif

import CLibFuzzer

/// What every fuzz target shares: its command line, the failure report and the seed mode.
public enum Fuzz {
    /// One fuzz input: libFuzzer's callback type.
    public typealias Test = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// The target's `main`:
    ///
    ///     FuzzX --seed-only DIR [--events FILE]   writes valid encodings of FILE's event lines to DIR
    ///     FuzzX [libFuzzer options] [CORPUS…]     fuzzes `test` (libFuzzer's own command line)
    ///
    /// Seeds are made by the real encoders at run time (tools/fuzz), never committed: `seeds` gets the
    /// lines of the NDJSON file (none without `--events`) and returns the inputs to write.
    public static func main(seeds: (_ lines: [[UInt8]]) -> [[UInt8]], test: Test) -> Never {
        let arguments = CommandLine.arguments
        if let i = arguments.firstIndex(of: "--seed-only"), i + 1 < arguments.count {
            let lines = arguments.firstIndex(of: "--events").flatMap { $0 + 1 < arguments.count ? $0 + 1 : nil }
                .map { readLines(arguments[$0]) } ?? []
            exit(write(seeds(lines), to: arguments[i + 1]))
        }
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, test))
    }

    /// Stops the run with `message` when `condition` fails. `abort()` is what libFuzzer treats as a
    /// crash: it saves the input and reports it, as for a trap in the decoder itself.
    public static func check(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        guard !condition() else { return }
        report("fuzz check failed (\(file):\(line)): \(message())\n")
        abort()
    }

    /// The bytes libFuzzer hands to the test, as an array (decoders take arrays).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Writes each seed to `folder/seed-N`; the exit status.
    static func write(_ seeds: [[UInt8]], to folder: String) -> CInt {
        for (i, seed) in seeds.enumerated() {
            let path = folder + "/seed-\(i)"
            guard let f = fopen(path, "wb") else {
                report("cannot write \(path)\n")
                return 1
            }
            _ = seed.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
            fclose(f)
        }
        report("wrote \(seeds.count) seeds to \(folder)\n")
        return 0
    }

    /// Writes to standard error unbuffered (the C `stderr` global is not concurrency-safe in Swift 6).
    static func report(_ text: String) {
        var text = text
        text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// The lines of an NDJSON file (without their `\n`).
    static func readLines(_ path: String) -> [[UInt8]] {
        guard let f = fopen(path, "rb") else { return [] }
        defer { fclose(f) }
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            all.append(contentsOf: buffer[0..<n])
        }
        return all.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map(Array.init)
    }
}
