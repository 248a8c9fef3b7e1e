//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import LeadstreamCore
import LeadstreamPartitions

/// `--partitions FILE --partition K` of the gateway and the aggregator (docs/partitions.md).
struct PartitionOptions: ParsableArguments {
    @Option(help: "The partition map (JSON, docs/partitions.md); without it this component holds every account.")
    var partitions: String?
    @Option(help: "This component's partition in the map (0-based).") var partition: Int?

    /// The component's place, or `nil` when the deployment is not partitioned.
    func placement() throws -> PartitionPlacement? {
        guard let partitions else {
            guard partition == nil else { throw UsageError(.missingField, "--partition needs --partitions FILE") }
            return nil
        }
        guard let partition else { throw UsageError(.missingField, "--partitions needs --partition K") }
        do { return try PartitionPlacement(path: partitions, index: partition) } catch {
            throw UsageError(.invalidValue, error.description)
        }
    }
}
