//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import Logging
import Synchronization

/// A running component's view of its token store: every check is a hash and
/// a dictionary look-up, never a database read.
///
/// A thread of its own reloads the store when another connection changed it
/// (`token create|revoke` from the command line) and notes expiries in the
/// audit log, every `refresh` (250 ms), so a change reaches every request
/// path within a second without a restart. Expiry itself is checked at every
/// look-up against the clock.
public final class TokenDirectory: Sendable {
    struct Snapshot {
        var byHash: [String: TokenRecord] = [:]
        /// Tokens known only to this process (the embedded `run`'s own links).
        var transient: [String: Principal] = [:]
        /// Bumped whenever a token that was valid stopped being so: the live
        /// publisher then re-admits its subscribers (SPEC §10).
        var withdrawals = 0
        var valid: Set<String> = []
    }

    private let store: TokenStore?
    private let state = Mutex(Snapshot())
    private let stopping = Atomic<Bool>(false)
    private let logger: Logger

    /// Loads the store and starts reloading it.
    public init(store: TokenStore, logger: Logger, refresh: Duration = .milliseconds(250)) throws {
        self.store = store
        self.logger = logger
        try reload()
        let thread = Thread { [self] in watch(every: refresh) }
        thread.name = "leadstream-tokens"
        thread.start()
    }

    /// A directory of transient tokens only (tests, open mode's internal links).
    public init(logger: Logger) {
        store = nil
        self.logger = logger
    }

    public func stop() { stopping.store(true, ordering: .releasing) }

    /// The principal a token stands for, or why it is refused.
    ///
    /// - Parameter curveKey: the ZeroMQ peer's CURVE key when the request came
    ///   over a CURVE connection: a token bound to another key is refused.
    public func resolve(_ token: String?, curveKey: String? = nil, now: Date = Date()) -> Result<Principal, Rejection> {
        guard let token, !token.isEmpty else {
            return .failure(Rejection(.unauthorized, field: nil, "a token is required (--token or LEADSTREAM_TOKEN)"))
        }
        let hash = TokenStore.hash(token)
        let (record, transient) = state.withLock { ($0.byHash[hash], $0.transient[hash]) }
        if let transient { return .success(transient) }
        guard let record else { return .failure(Rejection(.unauthorized, field: nil, "unknown token")) }
        if record.revokedAt != nil { return .failure(Rejection(.unauthorized, field: nil, "token \(record.id) was revoked")) }
        guard record.isValid(at: now) else {
            return .failure(Rejection(.unauthorized, field: nil, "token \(record.id) expired"))
        }
        if let bound = record.curveKey, let curveKey, bound != curveKey {
            return .failure(Rejection(.unauthorized, field: nil, "token \(record.id) is bound to another CURVE key"))
        }
        return .success(record.principal)
    }

    /// The viewer whose token is bound to `curveKey`, if that token is valid.
    public func principal(boundTo curveKey: String, now: Date = Date()) -> Principal? {
        state.withLock { s in s.byHash.values.first { $0.curveKey == curveKey && $0.isValid(at: now) }?.principal }
    }

    /// Counts tokens that stopped being valid (revoked, expired): a change means re-check every live subscriber.
    public var withdrawals: Int { state.withLock { $0.withdrawals } }

    /// Registers a token valid for this process only, and returns it.
    public func addTransient(_ principal: Principal) -> String {
        let token = TokenStore.newToken()
        state.withLock { $0.transient[TokenStore.hash(token)] = principal }
        return token
    }

    // MARK: - Reloading

    private func watch(every refresh: Duration) {
        var version = (try? store?.dataVersion()) ?? 0
        while !stopping.load(ordering: .acquiring) {
            Thread.sleep(forTimeInterval: Double(refresh.components.attoseconds) / 1e18 + Double(refresh.components.seconds))
            do {
                let expired = try store?.noteExpiries() ?? []
                for id in expired { logger.notice("token expired", metadata: ["token": "\(id)"]) }
                let now = (try store?.dataVersion()) ?? 0
                if now != version || !expired.isEmpty {
                    version = now
                    try reload()
                } else {
                    recount(Date())
                }
            } catch {
                logger.error("token store unreadable; keeping the last copy", metadata: ["error": "\(error)"])
            }
        }
    }

    private func reload() throws {
        guard let store else { return }
        let records = try store.byHash()
        state.withLock { $0.byHash = records }
        recount(Date())
    }

    /// Notices tokens that stopped being valid since the last look.
    private func recount(_ now: Date) {
        state.withLock { s in
            let valid = Set(s.byHash.values.filter { $0.isValid(at: now) }.map(\.id))
            if !s.valid.subtracting(valid).isEmpty { s.withdrawals += 1 }
            s.valid = valid
        }
    }
}
