//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import Foundation
import InMemoryLogging
import LeadstreamLive
import Logging
import Synchronization
import ZeroMQ

/// A `Subscriber` running on its own thread (it blocks; the cooperative pool must stay free for
/// the test), its emitted messages collected for the test to inspect.
final class SubscriberHarness: Sendable {
    let context: ZMQContext
    let log = InMemoryLogHandler()
    private let emitted = Mutex<[LiveMessage]>([])
    private let outcome = Mutex<Result<Subscriber.Summary, any Error>?>(nil)

    init(fake: FakeAggregator, prefix: String = "", tune: (inout Subscriber.Configuration) -> Void = { _ in }) throws {
        context = try ZMQContext()
        var configuration = Subscriber.Configuration(
            publish: fake.publishEndpoint, query: fake.queryEndpoint, prefix: prefix)
        tune(&configuration)
        var handler = log
        handler.logLevel = .debug
        let subscriber = Subscriber(
            configuration: configuration, context: context, logger: Logger(label: "test") { _ in handler })
        Thread { [self] in
            let result = Result { try subscriber.run { message in emitted.withLock { $0.append(message) } } }
            outcome.withLock { $0 = result }
        }.start()
    }

    var messages: [LiveMessage] { emitted.withLock { $0 } }

    /// The versions emitted for `topic`, in order.
    func versions(_ topic: String) -> [Int] { messages.filter { $0.topic == topic }.map(\.version) }

    /// Polls until `condition` holds; false after `timeout`.
    func wait(
        timeout: Duration = .seconds(10), until condition: (SubscriberHarness) -> Bool
    ) async throws -> Bool {
        try await poll(timeout: timeout) { condition(self) }
    }

    /// Waits for the run to end by itself (idle exit) and returns its summary.
    func finished(timeout: Duration = .seconds(20)) async throws -> Subscriber.Summary? {
        guard try await wait(timeout: timeout, until: { $0.outcome.withLock { $0 != nil } }) else { return nil }
        return try outcome.withLock { $0! }.get()
    }

    /// Shuts the context down (the subscriber returns) and waits for the run to end.
    func stop() async throws -> Subscriber.Summary? {
        context.shutdown()
        let summary = try await finished()
        try context.terminate()
        return summary
    }
}

/// Polls `condition` every 5 ms until it holds (true) or `timeout` passes (false): the one wait of
/// these tests, so an outcome is decided by a condition, never by how long a sleep was.
func poll(timeout: Duration, until condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try await Task.sleep(for: .milliseconds(5))
    }
    return true
}

/// Each topic's versions strictly increase, in emission order.
func strictlyIncreasingPerTopic(_ messages: [LiveMessage]) -> Bool {
    var last: [String: Int] = [:]
    for message in messages {
        if let previous = last[message.topic], message.version <= previous { return false }
        last[message.topic] = message.version
    }
    return true
}
