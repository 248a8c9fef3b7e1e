//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamAccess
import LeadstreamCore
import Logging
import Testing

@Suite struct TokenStoreTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "leadstream-tokens-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aTokenIsRandomShownOnceAndStoredOnlyAsItsHash() throws {
        let data = try temporaryFolder()
        let store = try TokenStore(data: data)
        let (record, token) = try store.create(.ingest(account: "acme"))
        let (_, other) = try store.create(.ingest(account: "acme"))
        #expect(token != other)
        #expect(token.hasPrefix("lst_") && token.utf8.count >= 4 + 22)  // ≥ 128 bits in base64url
        let files = try FileManager.default.contentsOfDirectory(atPath: data)
        #expect(!files.isEmpty, "the store wrote no file to look the token up in")
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: data + "/" + file))
            #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is in \(file)")
        }
        #expect(try store.list().map(\.id).contains(record.id))
        #expect(!(try store.list().map(\.json.compact).joined().contains(token)))
    }

    @Test func aWellFormedTokenIsOneThisStoreMakes() throws {
        let store = try TokenStore(data: try temporaryFolder())
        let (_, token) = try store.create(.operator)
        #expect(TokenStore.isWellFormed(token))
        let directory = try TokenDirectory(store: store, logger: Logger(label: "test"))
        defer { directory.stop() }
        #expect(TokenStore.isWellFormed(directory.addTransient(.operator)))
        for bad in ["", "lst_", "lst_short", "xyz_" + token.dropFirst(4), token + "A", token.replacingOccurrences(of: token.suffix(1), with: ";")] {
            #expect(!TokenStore.isWellFormed(bad), "\(bad)")
        }
    }

    @Test func aDirectoryResolvesRevokesAndExpires() throws {
        let store = try TokenStore(data: try temporaryFolder())
        let viewer = Principal.viewer(Viewer(account: "acme", role: .enterprise, unqualified: true))
        let (record, token) = try store.create(viewer)
        let (_, soon) = try store.create(viewer, expiresAt: Date().addingTimeInterval(0.3))
        let directory = try TokenDirectory(store: store, logger: logger, refresh: .milliseconds(50))
        defer { directory.stop() }
        #expect(try directory.resolve(token).get() == viewer)
        #expect(try directory.resolve(soon).get() == viewer)
        #expect(directory.resolve(nil).failure?.code == .unauthorized)
        #expect(directory.resolve("lst_nothing").failure?.code == .unauthorized)

        let withdrawn = directory.withdrawals
        #expect(try store.revoke(id: record.id))
        #expect(!(try store.revoke(id: record.id)))
        try waitUntil { directory.resolve(token).failure?.code == .unauthorized }
        try waitUntil { directory.resolve(soon).failure?.code == .unauthorized }
        try waitUntil { directory.withdrawals > withdrawn }
        try waitUntil { (try? store.auditLog().contains { $0.compact.contains(#""action":"expire""#) }) == true }
        let actions = try store.auditLog().compactMap { entry -> String? in
            guard case .object(let pairs) = entry, case .string(let a)? = pairs.first(where: { $0.0 == "action" })?.1
            else { return nil }
            return a
        }
        #expect(actions == ["create", "create", "revoke", "expire"])
    }

    @Test func aTokenBoundToACurveKeyIsRefusedFromAnotherKey() throws {
        let store = try TokenStore(data: try temporaryFolder())
        let viewer = Principal.viewer(Viewer(account: "acme", role: .enterprise))
        let key = String(repeating: "a", count: 40)
        let (_, token) = try store.create(viewer, curveKey: key)
        let directory = try TokenDirectory(store: store, logger: logger)
        defer { directory.stop() }
        #expect(try directory.resolve(token, curveKey: key).get() == viewer)
        #expect(try directory.resolve(token).get() == viewer)
        #expect(directory.resolve(token, curveKey: String(repeating: "b", count: 40)).failure?.code == .unauthorized)
        #expect(directory.principal(boundTo: key) == viewer)
    }

    @Test func transientTokensLiveInTheProcessOnly() throws {
        let directory = TokenDirectory(logger: logger)
        let token = directory.addTransient(.operator)
        #expect(try directory.resolve(token).get() == .operator)
    }

    /// Polls `condition` for up to 2 s: the directory reloads on its own thread.
    func waitUntil(sourceLocation: SourceLocation = #_sourceLocation, _ condition: () -> Bool) throws {
        let deadline = ContinuousClock.now + .seconds(2)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within 2 s", sourceLocation: sourceLocation)
                return
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}

@Suite struct CurveFilesTests {
    @Test func anAllowListReadsRolesAndRefusesGarbage() throws {
        let a = String(repeating: "a", count: 40)
        let b = String(repeating: "B", count: 40)
        let keys = try CurveAllowList.parse("# keys\n\(a)\n\(b) component  # the workers\n\n")
        #expect(keys == [a: .client, b: .component])
        // Z85 has `#` in its alphabet: a key may hold it and stays a key.
        let hashed = "cc#" + String(repeating: "c", count: 36) + "#"
        #expect(try CurveAllowList.parse("\(hashed) operator # ops\n# a comment\n") == [hashed: .operator])
        #expect(throws: CurveFileError.self) { try CurveAllowList.parse("short\n") }
        #expect(throws: CurveFileError.self) { try CurveAllowList.parse("\(a) admin\n") }
    }

    @Test func anAllowListIsReadAgainWhenItChanges() throws {
        let path = NSTemporaryDirectory() + "allow-\(UUID().uuidString)"
        let a = String(repeating: "a", count: 40)
        let b = String(repeating: "b", count: 40)
        try "\(a) operator\n".write(toFile: path, atomically: true, encoding: .utf8)
        let list = try CurveAllowList(path: path)
        #expect(list.role(of: a) == .operator)
        #expect(list.role(of: b) == nil)
        try "\(b)\n# a removed\n".write(toFile: path, atomically: true, encoding: .utf8)
        let deadline = ContinuousClock.now + .seconds(3)
        while list.role(of: b) == nil, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(list.role(of: b) == .client)
        #expect(list.role(of: a) == nil)
    }

    @Test func userIDsCarryTheRoleAndTheKey() {
        let key = String(repeating: "k", count: 40)
        #expect(KeyRole.parse(userID: KeyRole.component.userID(key: key))! == (KeyRole.component, key))
        #expect(KeyRole.parse(userID: "nobody") == nil)
        #expect(!KeyRole.client.readsJournal && KeyRole.operator.readsJournal)
        #expect(ZAPDomain.admits(.component, domain: ZAPDomain.partials))
        #expect(!ZAPDomain.admits(.client, domain: ZAPDomain.forward))
        #expect(ZAPDomain.admits(.client, domain: ZAPDomain.query))
    }

    @Test func exposureTellsLoopbackFromTheNetwork() {
        #expect(Exposure.isLocal(endpoint: "tcp://127.0.0.1:5550"))
        #expect(Exposure.isLocal(endpoint: "tcp://localhost:5550"))
        #expect(Exposure.isLocal(endpoint: "tcp://[::1]:5550"))
        #expect(Exposure.isLocal(endpoint: "inproc://x"))
        #expect(!Exposure.isLocal(endpoint: "tcp://*:5550"))
        #expect(!Exposure.isLocal(endpoint: "tcp://0.0.0.0:5550"))
        #expect(!Exposure.isLocal(endpoint: "tcp://10.1.2.3:5550"))
        #expect(!Exposure.isLocal(endpoint: "tcp://eth0:5550"))
        #expect(Exposure.isLocal(hostPort: "127.0.0.1:8080"))
        #expect(!Exposure.isLocal(hostPort: "0.0.0.0:8080"))
    }

    @Test func journalAccessNeedsAComponentOrOperator() {
        let open = AccessControl.open
        #expect(open.journalRefusal(token: nil, userID: nil) == nil)
        let key = String(repeating: "k", count: 40)
        #expect(open.journalRefusal(token: nil, userID: KeyRole.client.userID(key: key))?.code == .forbidden)
        #expect(open.journalRefusal(token: nil, userID: KeyRole.operator.userID(key: key)) == nil)
        let directory = TokenDirectory(logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }))
        let tokens = AccessControl(mode: .tokens, tokens: directory)
        #expect(tokens.journalRefusal(token: nil, userID: nil)?.code == .unauthorized)
        #expect(tokens.journalRefusal(token: directory.addTransient(.operator), userID: nil) == nil)
        #expect(tokens.journalRefusal(token: directory.addTransient(.ingest(account: "a")), userID: nil)?.code == .forbidden)
    }
}
