//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamWire
import Testing
import ZeroMQ

@testable import LeadstreamAggregator

/// The hand-over between the merge thread and the query thread: the state is
/// posted only when a query waits for it, once merged that far, and what was
/// posted stays as it was while the merge goes on.
@Suite struct BoardFeedTests {
    /// The query thread's end of the link.
    private func queryEnd(_ context: ZMQContext, _ endpoint: String) throws -> Socket {
        let pair = try BoardLink.open(context)
        try pair.connect(endpoint)
        return pair
    }

    private func want(_ socket: borrowing Socket, _ seq: UInt64, rows: Bool) throws {
        _ = try socket.sendMultipart([WireFrames.encode(seq) + [rows ? 1 : 0]])
    }

    /// The `ready` the merge thread sent, waiting up to a second for it.
    private func ready(_ socket: borrowing Socket) throws -> UInt64? {
        var poller = Poller()
        poller.register(socket, for: .pollIn)
        guard try poller.poll(timeout: .seconds(1))[0].contains(.pollIn),
            let frames = try socket.receiveMultipart(dontWait: true)
        else { return nil }
        return WireFrames.decodeID(frames[0])
    }

    /// Reads what the query thread sent, once the merge loop's poller would say it is there.
    private func settle(_ feed: inout BoardFeed) throws {
        var poller = Poller()
        feed.register(in: &poller)
        #expect(try poller.poll(timeout: .seconds(1))[0].contains(.pollIn))
        try feed.receive()
    }

    /// A board, the merge thread's feed and the query thread's end of their link, closed after `body`.
    private func withLink(_ body: (StateBoard, inout BoardFeed, borrowing Socket) throws -> Void) throws {
        let context = try ZMQContext()
        let board = StateBoard()
        let endpoint = BoardLink.endpoint()
        var feed = try BoardFeed(context: context, endpoint: endpoint, board: board)
        let query = try queryEnd(context, endpoint)
        let outcome = Result { try body(board, &feed, query) }
        query.close()
        feed.close()
        try outcome.get()
    }

    /// The query thread asks for `seq`; the merge thread reads the request and offers `state`.
    private func ask(
        _ feed: inout BoardFeed, _ query: borrowing Socket, _ seq: UInt64, rows: Bool, offering state: AggregateState
    ) throws {
        try want(query, seq, rows: rows)
        try settle(&feed)
        try feed.offer(state)
    }

    @Test func aWantedSequenceIsPostedOnceMergedThatFarAndNotBefore() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        let batches = stream.batches(of: 3)
        try withLink { board, feed, query in
            var state = AggregateState()
            var touched = TouchedDays()

            // Nothing asked: merging posts nothing (no copy-on-write cost for the merge thread).
            _ = state.merge(batches[0], touched: &touched)
            try feed.offer(state)
            #expect(board.postedMerged(rows: true) == 0 && board.postedMerged(rows: false) == 0)
            #expect(board.merged == state.merged)

            let target = state.merged + 2
            try ask(&feed, query, target, rows: true, offering: state)  // not that far yet
            #expect(board.postedMerged(rows: true) == 0)
            for batch in batches.dropFirst() where state.merged < target { _ = state.merge(batch, touched: &touched) }
            try feed.offer(state)
            #expect(board.postedMerged(rows: true) == state.merged)
            #expect(board.postedMerged(rows: false) == state.merged)  // a post with rows serves both
            #expect(try ready(query) == state.merged)

            // The posted copy keeps its figures while the merge goes on.
            let posted = board.state(rows: true)
            let requests = try stream.someRequests()
            let before = try requests.map { try posted.run($0).json }
            for batch in batches where batch.first > state.merged { _ = state.merge(batch, touched: &touched) }
            #expect(state.merged > posted.merged)
            #expect(try requests.map { try board.state(rows: true).run($0).json } == before)
            #expect(board.postedMerged(rows: true) == posted.merged)
        }
    }

    @Test func aReportSummedFromTheTallyGetsAPostWithoutRowsWithTheSameAnswers() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        let (state, _) = stream.merged(inBatchesOf: 5)
        try withLink { board, feed, query in
            try ask(&feed, query, 1, rows: false, offering: state)
            #expect(board.postedMerged(rows: false) == state.merged)
            #expect(board.postedMerged(rows: true) == 0)  // the rows were not handed over
            #expect(try ready(query) == state.merged)
            let counts = board.state(rows: false)
            #expect(counts.registry.accounts.values.allSatisfy { $0.leads.isEmpty })
            let fromTally = stream.requests.filter { !$0.readsRows }
            #expect(fromTally.count > 3)
            #expect(try fromTally.map { try counts.run($0).json } == fromTally.map { try state.run($0).json })
        }
    }

    @Test func aWantAlreadyCoveredIsAnsweredAtOnceWithTheNewestState() throws {
        let stream = try RecordedStream(fixture: "01-executive")
        let (state, _) = stream.merged(inBatchesOf: 5)
        try withLink { board, feed, query in
            try ask(&feed, query, 1, rows: true, offering: state)
            #expect(board.postedMerged(rows: true) == state.merged)
            #expect(try ready(query) == state.merged)
            let requests = try stream.someRequests()
            #expect(
                try requests.map { try board.state(rows: true).run($0).json } == requests.map { try state.run($0).json })
        }
    }

    @Test func snapshotServesTheLastMessageOfEachTopicByPrefixInNameOrder() {
        let board = StateBoard()
        board.record(topic: "widget/acme/2026-09", message: "w1")
        board.record(topic: "exec/acme/2026-09", message: "e1")
        board.record(topic: "exec/acme/2026-09", message: "e2")
        board.record(topic: "exec/other/2026-09", message: "o1")
        #expect(board.messages(prefixes: ["exec/acme/"]) == ["e2"])
        #expect(board.messages(prefixes: ["widget/", "exec/acme/"]) == ["e2", "w1"])
        #expect(board.messages(prefixes: [""]) == ["e2", "o1", "w1"])
    }
}
