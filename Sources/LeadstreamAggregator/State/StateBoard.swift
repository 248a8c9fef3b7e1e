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
/// tally), which is why the merge thread posts only when a waiting query
/// needs it (`BoardFeed`), not after every batch.
final class StateBoard: Sendable {
    private let posted: Mutex<AggregateState>
    /// The merged sequence of the posted state (read without the lock).
    private let postedThrough: Atomic<UInt64>
    /// The merge thread's own merged sequence, which may be ahead of the posted one.
    private let mergedThrough = Atomic<UInt64>(0)
    /// Topic name → its last message as published, for `snapshot`.
    private let messages = Mutex<[String: String]>([:])

    init(_ state: AggregateState = AggregateState()) {
        posted = Mutex(state)
        postedThrough = Atomic(state.merged)
        mergedThrough.store(state.merged, ordering: .relaxed)
    }

    // MARK: - The merge thread

    /// Replaces the posted state. The one replaced is released outside the lock.
    func post(_ state: AggregateState) {
        var replaced = state
        posted.withLock { swap(&$0, &replaced) }
        postedThrough.store(state.merged, ordering: .releasing)
        _ = consume replaced
    }

    /// How far the merge thread is, whether posted or not.
    func noteMerged(_ merged: UInt64) { mergedThrough.store(merged, ordering: .relaxed) }

    /// Records a topic's message before it is sent, so a `snapshot` asked after a
    /// subscriber missed the message (it subscribed later) already holds it.
    func record(topic: String, message: String) { messages.withLock { $0[topic] = message } }

    // MARK: - The query thread

    /// The posted state (a copy that shares every buffer).
    var state: AggregateState { posted.withLock { $0 } }

    var postedMerged: UInt64 { postedThrough.load(ordering: .acquiring) }

    var merged: UInt64 { mergedThrough.load(ordering: .relaxed) }

    /// The last messages of the topics starting with any of `prefixes`, by topic name.
    func messages(prefixes: [String]) -> [String] {
        let all = messages.withLock { $0 }
        return all.filter { topic in prefixes.contains { topic.key.hasPrefix($0) } }.sorted { $0.key < $1.key }
            .map(\.value)
    }
}
