//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import Synchronization
import ZeroMQ

/// The link between the merge thread and the query thread: an `inproc://`
/// PAIR, with the `StateBoard` both read.
///
/// The query thread says which merged sequence its waiting queries need
/// (`want`, 9 bytes: the sequence, then 1 when they read lead rows, else 0);
/// the merge thread posts its state once it has merged that far and answers
/// `ready` (8 bytes: the posted sequence). Posting only on demand keeps the
/// copy-on-write cost where a query asked for it: a loaded aggregator that
/// nobody queries copies nothing.
enum BoardLink {
    private static let instances = Atomic<Int>(0)

    /// A fresh `inproc://` name for one aggregator's link.
    static func endpoint() -> String {
        "inproc://leadstream-board-\(instances.add(1, ordering: .relaxed).newValue)"
    }

    static func open(_ context: ZMQContext) throws -> Socket {
        let pair = try Socket(context, type: .pair)
        try pair.set(.linger, 0)
        return pair
    }
}

/// The merge thread's side of the `BoardLink`.
struct BoardFeed: ~Copyable {
    let board: StateBoard
    private let socket: Socket
    /// The sequences the query thread waits for, until they are posted: for reports summed from the tally,
    /// and for reports that read rows.
    private var wantedCounts: UInt64?
    private var wantedRows: UInt64?

    init(context: ZMQContext, endpoint: String, board: StateBoard) throws {
        let pair = try BoardLink.open(context)
        try pair.bind(endpoint)
        socket = pair
        self.board = board
    }

    consuming func close() { socket.close() }

    func register(in poller: inout Poller) { poller.register(socket, for: .pollIn) }

    /// Whether a query waits for a state not merged yet: the loop then keeps its publish slices short.
    var isWaited: Bool { wantedCounts != nil || wantedRows != nil }

    /// Reads the query thread's requests: for each kind, the last one says what it waits for now.
    mutating func receive() throws {
        while let frames = try socket.receiveMultipart(dontWait: true) {
            guard frames.count == 1, frames[0].count == 9 else { continue }
            let seq = WireFrames.decodeID(frames[0])
            if frames[0][8] == 1 { wantedRows = seq } else { wantedCounts = seq }
        }
    }

    /// Posts `state` when it reaches what the query thread waits for, and tells it.
    mutating func offer(_ state: AggregateState) throws {
        board.noteMerged(state.merged)
        let rows = wantedRows.map { state.merged >= $0 } ?? false
        let counts = wantedCounts.map { state.merged >= $0 } ?? false
        guard rows || counts else { return }
        if state.merged > board.postedMerged(rows: rows) { board.post(state, rows: rows) }
        if rows { wantedRows = nil }
        if counts { wantedCounts = nil }
        _ = try socket.sendMultipart([WireFrames.encode(state.merged)], dontWait: true)
    }
}
