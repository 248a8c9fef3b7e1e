//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import HTTPTypes
import Hummingbird
import LeadstreamAccess
import LeadstreamCore
import LeadstreamHTTP

/// `GET|POST|DELETE /v1/session` (docs/web.md): who the page is signed in as,
/// sign-in with a viewer token (kept in the HttpOnly session cookie), sign-out.
struct SessionRoute: Sendable {
    let aggregator: AggregatorClient
    let hub: LiveHub
    /// Over TLS the cookie is `Secure`.
    let secure: Bool
    /// The largest sign-in body read.
    static let maxBody = 4096

    func current(_ request: Request) async -> Response {
        await answer(token: Credentials.token(of: request), signIn: false)
    }

    func signIn(_ request: Request) async -> Response {
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: Self.maxBody) } catch {
            return ErrorResponse.make(Rejection(.tooLarge, field: nil, "a sign-in body is at most \(Self.maxBody) bytes"))
        }
        guard let token = Self.token(in: String(buffer: body), contentType: request.headers[.contentType] ?? "") else {
            return ErrorResponse.make(Rejection(.missingField, field: "token", "send {\"token\": \"lst_…\"} or token=…"))
        }
        guard TokenStore.isWellFormed(token) else {
            return ErrorResponse.make(Rejection(.unauthorized, field: nil, "this is not a leadstream token"))
        }
        return await answer(token: token, signIn: true)
    }

    func signOut(_ request: Request) -> Response {
        var response = Response(status: .noContent, headers: [.cacheControl: "no-store"])
        response.setCookie(Credentials.clearedCookie(secure: secure))
        return response
    }

    private func answer(token: String?, signIn: Bool) async -> Response {
        let body: JSONValue
        switch await aggregator.whoami(token: token) {
        case .failure(let r): return ErrorResponse.make(r)
        case .success(nil):
            body = .object([("mode", .string("open")), ("accounts", .array(hub.accounts().map { .string($0) }))])
        case .success(.viewer(let v)?):
            body = .object([("mode", .string("tokens")), ("viewer", .object(PrincipalJSON.viewerMembers(v)))])
        case .success(.some):
            return ErrorResponse.make(
                Rejection(.forbidden, field: nil, "the dashboard page is for viewer tokens; operators and ingest tokens do not sign in"))
        }
        var response = JSONResponse.make(.ok, body, headers: [.cacheControl: "no-store"])
        if signIn, let token, case .object(let m) = body, m.first?.1 == .string("tokens") {
            response.setCookie(Credentials.sessionCookie(token, secure: secure))
        }
        return response
    }

    /// The token of a sign-in body: JSON `{"token": …}` or a form's `token=…`.
    static func token(in body: String, contentType: String) -> String? {
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            for pair in body.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0] == "token" {
                    return String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding?
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            return nil
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return nil }
        return (object["token"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
