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
    /// Commands forwarded by the query thread, in arrival order, for the loop to apply.
    private var commands: [BoardCommand] = []

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
            if let command = BoardCommand.decode(frames) {
                commands.append(command)
                continue
            }
            guard frames.count == 1, frames[0].count == 9 else { continue }
            let seq = WireFrames.decodeID(frames[0])
            if frames[0][8] == 1 { wantedRows = seq } else { wantedCounts = seq }
        }
    }

    /// The commands received since the last call.
    mutating func takeCommands() -> [BoardCommand] {
        defer { commands.removeAll() }
        return commands
    }

    /// Answers a command, after posting the state it changed (so no query is answered from the state before).
    func answer(_ command: BoardCommand, _ verb: WireFrames.Verb, _ body: [UInt8], state: AggregateState) throws {
        board.post(state, rows: true)
        _ = try socket.sendMultipart(BoardCommand.encode(ticket: command.ticket, verb: verb, body: body))
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

/// A state-changing request the query thread hands the merge thread (`repair`, `corrupt`), or the merge
/// thread's answer to it: three frames, the ticket (8 bytes), the verb and the body. The link's other
/// messages (`want`, `ready`) are one frame.
struct BoardCommand {
    var ticket: UInt64
    var verb: WireFrames.Verb
    var body: [UInt8]

    static func encode(ticket: UInt64, verb: WireFrames.Verb, body: [UInt8]) -> [[UInt8]] {
        [WireFrames.encode(ticket), Array(verb.rawValue.utf8), body]
    }

    static func decode(_ frames: [[UInt8]]) -> BoardCommand? {
        guard frames.count == 3, frames[0].count == 8,
            let verb = WireFrames.Verb(rawValue: String(decoding: frames[1], as: UTF8.self))
        else { return nil }
        return BoardCommand(ticket: WireFrames.decodeID(frames[0]), verb: verb, body: frames[2])
    }
}
