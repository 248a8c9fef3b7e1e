//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import ServiceLifecycle

/// Runs a blocking socket loop as a `Service`: on a thread of its own (a
/// ZeroMQ socket belongs to one thread, and its polls must not block the
/// cooperative pool), returning when the loop does. Graceful shutdown and
/// cancellation call `stop`, which must make the loop return soon.
public func runOnDedicatedThread(
    named name: String, stop: @escaping @Sendable () -> Void, _ loop: @escaping @Sendable () throws -> Void
) async throws {
    try await withGracefulShutdownHandler {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                let thread = Thread { done.resume(with: Result { try loop() }) }
                thread.name = name
                thread.start()
            }
        } onCancel: {
            stop()
        }
    } onGracefulShutdown: {
        stop()
    }
}
