//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation

/// The map as a JSON file (`--partitions FILE`): what an operator writes and every component reads.
public enum PartitionMapFile {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func read(_ path: String) throws(Failure) -> PartitionMap {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Failure(description: "cannot read the partition map \(path): \(error.localizedDescription)")
        }
        return try decode(data, source: path)
    }

    public static func decode(_ data: Data, source: String) throws(Failure) -> PartitionMap {
        let map: PartitionMap
        do { map = try JSONDecoder().decode(PartitionMap.self, from: data) } catch {
            throw Failure(description: "\(source) is not a partition map (docs/partitions.md): \(error)")
        }
        if let problem = map.problem { throw Failure(description: "\(source): \(problem)") }
        return map
    }

    /// Writes the map atomically (a reader never sees half a file).
    public static func write(_ map: PartitionMap, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(map).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
