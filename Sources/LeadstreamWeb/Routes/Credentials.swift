//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import Hummingbird
import LeadstreamHTTP

/// How a request to the web face carries its token (docs/web.md): the
/// `Authorization: Bearer` header, else the page's session cookie.
enum Credentials {
    static let cookieName = "leadstream_session"

    static func token(of request: Request) -> String? {
        BearerToken.of(request) ?? request.cookies[cookieName]?.value
    }

    /// The session cookie after a sign-in: the token itself, so any web face of the deployment
    /// accepts it (they keep no sessions). HttpOnly keeps it from the page's script; SameSite=Lax
    /// sends it with a link followed from mail, and not with another site's form posts.
    static func sessionCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func clearedCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
