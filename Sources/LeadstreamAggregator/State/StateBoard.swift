//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Synchronization

/// Where the merge thread leaves what the query thread answers from: the
/// state as of a merged sequence, and the last message of every live topic.
///
/// The state is handed over by value. Copy-on-write makes the hand-over
/// itself free; the merge thread then pays for the first change of each
/// buffer the query thread may still read (a chunk of lead rows, a day of a
/// tally). So the merge thread posts only when a waiting query needs it
/// (`BoardFeed`), and posts the rows only for a query that reads them
/// (`ReportRequest.readsRows`): most reports are summed from the tally, and
/// a post without rows makes no row chunk copied afterwards.
final class StateBoard: Sendable {
    private struct Posted {
        /// Without rows; at least as new as `full`.
        var counts: AggregateState
        var full: AggregateState
    }

    private let posted: Mutex<Posted>
    /// The merged sequence of each posted state (read without the lock).
    private let countsThrough: Atomic<UInt64>
    private let fullThrough: Atomic<UInt64>
    /// The merge thread's own merged sequence, which may be ahead of the posted ones.
    private let mergedThrough = Atomic<UInt64>(0)
    /// Topic name → its last message as published, for `snapshot`.
    private let messages = Mutex<[String: String]>([:])

    init(_ state: AggregateState = AggregateState()) {
        posted = Mutex(Posted(counts: state.withoutRows(), full: state))
        countsThrough = Atomic(state.merged)
        fullThrough = Atomic(state.merged)
        mergedThrough.store(state.merged, ordering: .relaxed)
    }

    // MARK: - The merge thread

    /// Replaces the posted state: with its rows when `rows`, which then also serves the reports without them.
    /// The states replaced are released outside the lock.
    func post(_ state: AggregateState, rows: Bool) {
        var replaced = Posted(counts: rows ? state : state.withoutRows(), full: state)
        posted.withLock { current in
            if !rows { replaced.full = current.full }
            swap(&current, &replaced)
        }
        countsThrough.store(state.merged, ordering: .releasing)
        if rows { fullThrough.store(state.merged, ordering: .releasing) }
        _ = consume replaced
    }

    /// How far the merge thread is, whether posted or not.
    func noteMerged(_ merged: UInt64) { mergedThrough.store(merged, ordering: .relaxed) }

    /// Records a topic's message before it is sent, so a `snapshot` asked after a
    /// subscriber missed the message (it subscribed later) already holds it.
    func record(topic: String, message: String) { messages.withLock { $0[topic] = message } }

    /// Drops the last messages of an erased account's topics (`snapshot` no longer has them).
    func withdraw(account: String) {
        messages.withLock { m in
            for kind in ["exec", "dash", "widget"] {
                let prefix = kind + "/" + account + "/"
                for topic in m.keys where topic.hasPrefix(prefix) { m[topic] = nil }
            }
        }
    }

    // MARK: - The query thread

    /// The posted state, with rows or not (a copy that shares every buffer).
    func state(rows: Bool) -> AggregateState { posted.withLock { rows ? $0.full : $0.counts } }

    /// The merged sequence of the posted state with rows, or of the one without.
    func postedMerged(rows: Bool) -> UInt64 {
        rows ? fullThrough.load(ordering: .acquiring) : countsThrough.load(ordering: .acquiring)
    }

    var merged: UInt64 { mergedThrough.load(ordering: .relaxed) }

    /// The last messages of the topics starting with any of `prefixes`, by topic name.
    func messages(prefixes: [String]) -> [String] {
        let all = messages.withLock { $0 }
        return all.filter { topic in prefixes.contains { topic.key.hasPrefix($0) } }.sorted { $0.key < $1.key }
            .map(\.value)
    }
}
