//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import ArgumentParser
import Foundation
import LeadstreamAccess
import LeadstreamCore
import ZeroMQ

/// `leadstream token create|list|revoke|audit` (SPEC §10, §11): the token store
/// in `--data`, worked on directly whether or not a component runs on it.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke access tokens in a component's token store (DATA/tokens.sqlite).",
        discussion: """
            The gateway checks ingest tokens, the aggregator viewer tokens, both operator tokens; in \
            `leadstream run` one store in its --data serves both. A running component sees a change within a \
            second. Tokens are stored as SHA-256 hashes only: `create` prints a token once. See docs/security.md.
            """,
        subcommands: [Create.self, List.self, Revoke.self, Audit.self]
    )

    struct Store: ParsableArguments {
        @Option(help: "The component's data folder, which holds tokens.sqlite.") var data = DefaultEndpoints.data

        func open() throws -> TokenStore {
            do { return try TokenStore(data: data) } catch {
                throw UsageError(.invalidValue, "cannot open the token store in \(data): \(error)")
            }
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a viewer (--account --role), ingest (--ingest --account) or operator (--operator) token.",
            discussion: "Prints {\"id\", \"token\"}: the token is shown this once and kept only as a hash.")

        @OptionGroup var store: Store
        @Option(help: "The account the token is scoped to (viewer and ingest tokens).") var account: String?
        @Option(help: "enterprise, coordinator or advisor (viewer tokens).") var role: String?
        @Option(help: "The viewer's own office (coordinators and advisors).") var office: String?
        @Option(help: "The viewer's own user id (advisors).") var user: String?
        @Flag(help: "The right to see unqualified leads: the Sources of Leads widget.") var unqualified = false
        @Option(help: "Bind the viewer to this CURVE public key (Z85): its live subscriptions need no token.")
        var curveKey: String?
        @Option(help: "A note for the operator: who or what the token is for.") var label: String?
        @Option(help: "When it stops working: 90d, 12h, 30m, 45s, or an RFC 3339 time.") var expires: String?
        @Flag(help: "An ingest token: sends events of --account only.") var ingest = false
        @Flag(name: .customLong("operator"), help: "An operator token: validate, status, repairs, journal head and replay.")
        var isOperator = false

        func run() throws {
            let principal = try makePrincipal()
            if let curveKey, curveKey.utf8.count != 40 || Curve.z85Decode(curveKey) == nil {
                throw UsageError(.invalidValue, "--curve-key must be a 40-character Z85 public key")
            }
            let expiresAt = try expires.map { try TokenExpiry.parse($0) }
            let (record, token) = try store.open().create(
                principal, curveKey: curveKey, label: label, expiresAt: expiresAt)
            Stdout.write(JSONValue.object([("id", .string(record.id)), ("token", .string(token))]).compact + "\n")
        }

        func makePrincipal() throws -> Principal {
            func valid(_ value: String?, _ name: String) throws -> String? {
                guard let value else { return nil }
                guard Identifier.isValid(value, allowEmpty: false) else {
                    throw UsageError(.invalidValue, "--\(name) must be 1-128 characters from A-Z a-z 0-9 . _ : @ -")
                }
                return value
            }
            let kinds = [ingest, isOperator, role != nil].filter { $0 }.count
            guard kinds == 1 else {
                throw UsageError(.invalidValue, "give exactly one of --role (a viewer), --ingest or --operator")
            }
            if isOperator {
                guard account == nil, office == nil, user == nil, !unqualified, curveKey == nil else {
                    throw UsageError(.invalidValue, "an operator token has no account scope, office, user or key")
                }
                return .operator
            }
            guard let account = try valid(account, "account") else {
                throw UsageError(.missingField, "--account is required for viewer and ingest tokens")
            }
            if ingest {
                guard office == nil, user == nil, !unqualified, curveKey == nil else {
                    throw UsageError(.invalidValue, "an ingest token takes --account only")
                }
                return .ingest(account: account)
            }
            guard let role = role.flatMap(Role.init(rawValue:)) else {
                throw UsageError(.invalidValue, "--role must be enterprise, coordinator or advisor")
            }
            let office = try valid(office, "office")
            let user = try valid(user, "user")
            switch role {
            case .enterprise:
                guard office == nil, user == nil else {
                    throw UsageError(.invalidValue, "an enterprise viewer sees every office: no --office or --user")
                }
            case .coordinator:
                guard office != nil, user == nil else {
                    throw UsageError(.invalidValue, "a coordinator needs --office (and no --user)")
                }
            case .advisor:
                guard office != nil, user != nil else { throw UsageError(.invalidValue, "an advisor needs --office and --user") }
            }
            return .viewer(Viewer(account: account, role: role, office: office, user: user, unqualified: unqualified))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every token's id, scope, label and expiry (never the token), one JSON object a line.")
        @OptionGroup var store: Store

        func run() throws {
            let store = try store.open()
            try store.noteExpiries()
            for record in try store.list() { Stdout.write(record.json.compact + "\n") }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (running components: within 1 s).")
        @OptionGroup var store: Store
        @Argument(help: "The token's id (t_…), as create and list print it.") var id: String

        func run() throws {
            guard try store.open().revoke(id: id) else {
                throw UsageError(.invalidValue, "no token '\(id)' that is not revoked already")
            }
            Stdout.write(JSONValue.object([("id", .string(id)), ("revoked", .bool(true))]).compact + "\n")
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the audit log: every create, revoke and expiry, one JSON object a line.")
        @OptionGroup var store: Store

        func run() throws {
            let store = try store.open()
            try store.noteExpiries()
            for entry in try store.auditLog() { Stdout.write(entry.compact + "\n") }
        }
    }
}

/// `--expires`: a duration from now (`90d`, `12h`, `30m`, `45s`) or an RFC 3339 time.
enum TokenExpiry {
    static func parse(_ text: String, now: Date = Date()) throws -> Date {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let unit = text.last.flatMap({ units[$0] }), let n = Double(text.dropLast()), n > 0 {
            return now.addingTimeInterval(n * unit)
        }
        if let t = RFC3339.parse(text) { return Date(timeIntervalSince1970: Double(t.microseconds) / 1e6) }
        throw UsageError(.invalidValue, "--expires takes 90d, 12h, 30m, 45s or an RFC 3339 time, not '\(text)'")
    }
}

/// `leadstream keygen` (SPEC §11): a CURVE key pair.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make a CURVE key pair: --out FILE writes the pair (mode 600) and prints the public key (Z85).",
        discussion: """
            Give the file to the process as --curve-secret FILE; list the public key in the servers' \
            --curve-allow file (Z85 [client|operator|component]) and, for a server, pass it to clients as \
            --curve-server-key. Without --out the pair file's text goes to standard output.
            """)

    @Option(help: "Where to write the key pair.") var out: String?

    func run() throws {
        guard Curve.isAvailable else { throw UsageError(.invalidValue, "this libzmq was built without CURVE") }
        let keys = try CurveKeyPair.generate()
        guard let out else { return Stdout.write(CurveKeyFile.render(keys)) }
        if FileManager.default.fileExists(atPath: out) {
            throw UsageError(.invalidValue, "\(out) exists: keygen does not overwrite a key")
        }
        do { try CurveKeyFile.write(keys, to: out) } catch { throw UsageError(.invalidValue, "\(error)") }
        Stdout.write(keys.publicKey + "\n")
    }
}
