import Foundation
import Testing

@testable import LeadstreamJournal

/// The checkpoints' envelope: every way a file goes bad is refused with its own error, never read as a payload.
@Suite("Sealed files")
struct SealedFileTests {
    private let payload = Array("the rows of a registry, as some encoding wrote them".utf8)

    private func sealed(_ dir: borrowing TemporaryDirectory, version: UInt32 = 4) throws -> SealedFile {
        let file = SealedFile(path: dir.path("state.checkpoint"), kind: "testckpt", version: version)
        try file.write(payload)
        return file
    }

    private func bytes(_ file: SealedFile) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path))) }

    private func overwrite(_ file: SealedFile, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: file.path))
    }

    @Test func aWrittenPayloadReadsBackAndNoFileIsNil() throws {
        let dir = try TemporaryDirectory()
        let file = try sealed(dir)
        #expect(try file.read() == payload)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".tmp"))
        #expect(try SealedFile(path: dir.path("none"), kind: "testckpt", version: 4).read() == nil)
    }

    @Test func aTruncatedFileIsRefusedAsTruncatedAtEveryLength() throws {
        let dir = try TemporaryDirectory()
        let file = try sealed(dir)
        let whole = try bytes(file)
        for length in [0, 7, SealedFile.headerSize - 1, SealedFile.headerSize, whole.count - 1] {
            try overwrite(file, Array(whole.prefix(length)))
            #expect(throws: SealError.truncated(path: file.path, size: length, expected: length < SealedFile.headerSize ? SealedFile.headerSize : whole.count)) {
                try file.read()
            }
        }
    }

    @Test func oneFlippedByteAnywhereAfterTheKindIsAChecksumMismatchOrTruncation() throws {
        let dir = try TemporaryDirectory()
        let file = try sealed(dir)
        let whole = try bytes(file)
        for offset in 8..<whole.count {
            var damaged = whole
            damaged[offset] ^= 0x01
            try overwrite(file, damaged)
            // A flip in the length field makes the size disagree with the header: that is the error then.
            let inLength = (12..<20).contains(offset)
            do {
                _ = try file.read()
                Issue.record("a flip at \(offset) was read as a payload")
            } catch {
                if inLength {
                    #expect(error == .truncated(path: file.path, size: whole.count, expected: expected(damaged)), "at \(offset)")
                } else {
                    #expect(error == .checksumMismatch(path: file.path), "at \(offset): \(error)")
                }
            }
        }
    }

    @Test func aFlippedByteInTheKindIsAnotherKindOfFile() throws {
        let dir = try TemporaryDirectory()
        let file = try sealed(dir)
        var damaged = try bytes(file)
        damaged[0] ^= 0x20
        try overwrite(file, damaged)
        #expect(throws: SealError.wrongKind(path: file.path, expected: "testckpt")) { try file.read() }
    }

    @Test func aFileOfAnotherVersionIsRefusedNamingBothVersions() throws {
        let dir = try TemporaryDirectory()
        let old = try sealed(dir, version: 3)
        let reader = SealedFile(path: old.path, kind: "testckpt", version: 4)
        #expect(throws: SealError.wrongVersion(path: old.path, found: 3, expected: 4)) { try reader.read() }
        let message = "\(SealError.wrongVersion(path: old.path, found: 3, expected: 4))"
        #expect(message.contains("format version 3; this leadstream reads version 4"))
    }

    @Test func settingAsideMovesTheFileOutOfTheWay() throws {
        let dir = try TemporaryDirectory()
        let file = try sealed(dir)
        #expect(file.setAside() == file.path + ".rejected")
        #expect(try file.read() == nil)
        #expect(FileManager.default.fileExists(atPath: file.path + ".rejected"))
    }

    /// What a damaged file's header says its size is.
    private func expected(_ bytes: [UInt8]) -> Int {
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[12 + i]) << (8 * i) }
        return Int(clamping: UInt64(SealedFile.headerSize).addingReportingOverflow(length).partialValue)
    }
}
