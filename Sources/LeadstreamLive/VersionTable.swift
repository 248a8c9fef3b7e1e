//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients

/// The subscriber's memory of the last version it emitted per topic, and the Clone pattern's
/// decisions made from it (docs/cluster.md, "The subscriber"). No sockets: every rule is here,
/// so it is tested without timing.
///
/// Whatever it is fed, the messages it lets through have strictly increasing versions per topic:
/// that is the subscriber's guarantee to its reader.
public struct VersionTable: Sendable, Hashable {
    /// What to do with one published message.
    public enum Decision: Hashable, Sendable {
        /// Its version is not newer than the one emitted: a replay from the snapshot or a duplicate.
        case drop
        /// Its `previous_version` is the version emitted last: emit it.
        case emit
        /// Newer, but it follows a message that was never received (the publisher's high-water
        /// mark dropped it): emit it, then fetch the snapshot again. `known` is the version
        /// emitted last (0 for none).
        case emitAndResync(known: Int)
    }

    /// The last version emitted per topic; a topic not here has emitted nothing.
    public private(set) var emitted: [String: Int] = [:]

    public init() {}

    /// Decides on one published message and, unless it is dropped, records it as emitted.
    ///
    /// A topic never seen counts as version 0, so its first message must have `previous_version`
    /// 0; any other means messages were missed (the topic appeared after the last snapshot).
    public mutating func accept(published message: LiveMessage) -> Decision {
        let known = emitted[message.topic] ?? 0
        // A correction (a repair from the journal) restates the version held, naming it as its previous one.
        if known > 0, message.version == known, message.previousVersion == known { return .emit }
        guard message.version > known else { return .drop }
        emitted[message.topic] = message.version
        return message.previousVersion == known ? .emit : .emitAndResync(known: known)
    }

    /// Keeps the snapshot lines newer than what was emitted for their topic, recording them.
    public mutating func accept(snapshot: [LiveMessage]) -> [LiveMessage] {
        snapshot.filter { message in
            guard message.version > emitted[message.topic] ?? 0 else { return false }
            emitted[message.topic] = message.version
            return true
        }
    }
}
