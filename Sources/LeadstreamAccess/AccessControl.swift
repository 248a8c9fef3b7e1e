//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// A server's access rules: its mode and, with `--access tokens`, the tokens
/// it checks. Every request path asks it who is asking, then asks
/// `ReportScope`/`TopicScope` what that principal may see.
public struct AccessControl: Sendable {
    public var mode: AccessMode
    public var tokens: TokenDirectory?

    public init(mode: AccessMode, tokens: TokenDirectory?) {
        precondition(mode == .open || tokens != nil, "--access tokens needs a token directory")
        self.mode = mode
        self.tokens = tokens
    }

    /// Everyone is answered.
    public static let open = AccessControl(mode: .open, tokens: nil)

    /// Who a request comes from: `nil` in open mode (no check, the token is
    /// ignored), else the token's principal or `unauthorized`.
    ///
    /// - Parameter userID: the ZeroMQ connection's ZAP `User-Id` (`ROLE:KEY`), when it came over CURVE.
    public func principal(token: String?, userID: String? = nil) -> Result<Principal?, Rejection> {
        guard mode == .tokens, let tokens else { return .success(nil) }
        let key = userID.flatMap(KeyRole.parse(userID:))?.key
        return tokens.resolve(token, curveKey: key).map { $0 }
    }

    /// `head` and `replay` hand out every tenant's events: they answer a
    /// CURVE key listed `component` or `operator`, and without CURVE in
    /// `--access tokens` an operator token; open mode over plain text answers
    /// anyone (a single trusted host). `nil` when allowed.
    public func journalRefusal(token: String?, userID: String?) -> Rejection? {
        if let userID {
            guard let (role, _) = KeyRole.parse(userID: userID), role.readsJournal else {
                return Rejection(.forbidden, field: nil, "head and replay answer component and operator keys only")
            }
            return nil
        }
        switch principal(token: token) {
        case .failure(let r): return r
        case .success(nil), .success(.operator?): return nil
        case .success(.some): return Rejection(.forbidden, field: nil, "head and replay need an operator token")
        }
    }
}
