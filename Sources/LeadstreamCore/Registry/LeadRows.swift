//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// An account's leads in creation order (a lead's index is its id in the
/// records), stored in chunks of a fixed size.
///
/// Why chunks: the aggregator hands its state to the query thread and the
/// checkpoint writer by value, and copy-on-write then charges the merge thread
/// for the first change of every buffer still shared. With one array per
/// account, that first change copied all of a busy account's rows (a
/// hundred thousand leads, megabytes); with chunks it copies the chunk of the
/// lead that changed and the small array of chunk references. Reading a field
/// in place (`rows[i].office`) copies nothing.
public struct LeadRows: RandomAccessCollection, MutableCollection, Equatable, Sendable {
    private static let shift = 5
    /// Leads per chunk (32): a chunk is under 2 KB (56-byte rows). A post touched by a thousand updates
    /// copies about a thousand chunks, so the chunk's size is the cost of each (tools/bench-cluster).
    static let chunkSize = 1 << shift
    private static let mask = chunkSize - 1

    private var chunks: [[Lead]] = []
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Lead {
        _read {
            precondition(position >= 0 && position < count, "lead row index out of range")
            yield chunks[position >> Self.shift][position & Self.mask]
        }
        _modify {
            precondition(position >= 0 && position < count, "lead row index out of range")
            yield &chunks[position >> Self.shift][position & Self.mask]
        }
    }

    public mutating func append(_ lead: Lead) {
        if count & Self.mask == 0 {
            var chunk: [Lead] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(lead)
        count += 1
    }
}
