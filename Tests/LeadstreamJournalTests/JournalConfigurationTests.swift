import Foundation
import Testing

@testable import LeadstreamJournal

@Suite("Journal configuration")
struct JournalConfigurationTests {
    /// GRDB's WAL set-up forces `synchronous = NORMAL` on the writer after `prepareDatabase`; the journal must
    /// re-apply its own setting, or `.full` would silently lose power-loss durability.
    @Test(arguments: [(JournalConfiguration.Durability.full, 2), (.normal, 1)])
    func writerCommitsWithTheConfiguredSynchronousMode(durability: JournalConfiguration.Durability, pragma: Int)
        throws
    {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"), configuration: .init(durability: durability))
        #expect(try journal.writerPragma("synchronous") == pragma)
        try journal.close()
    }

    @Test func aNewFileGetsTheConfiguredPageSizeAndAnExistingOneKeepsItsOwn() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        let created = try Journal(path: path, configuration: .init(pageSize: 16384))
        #expect(try created.writerPragma("page_size") == 16384)
        try created.close()
        let reopened = try Journal(path: path, configuration: .init(pageSize: 65536))
        #expect(try reopened.writerPragma("page_size") == 16384)
        try reopened.close()
        let fresh = try Journal(path: dir.path("default.sqlite"))
        #expect(try fresh.writerPragma("page_size") == 65536)
        try fresh.close()
    }

    @Test func fullDurabilityIsTheDefault() {
        #expect(JournalConfiguration().durability == .full)
    }

    /// A batch is one `append` (however many blocks it holds), an entry one event (however few blocks).
    @Test func statisticsCountTransactionsBatchesAndEvents() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        _ = try await journal.append([Fixtures.block(index: 0, events: 3), Fixtures.block(index: 1, events: 4)])
        _ = try await journal.append([Fixtures.block(index: 2, events: 2)])
        #expect(journal.statistics == JournalStatistics(transactions: 2, batches: 2, entries: 9))
        try journal.close()
    }
}
