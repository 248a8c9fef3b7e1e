//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import LeadstreamCore
import LeadstreamHTTP

/// A refused request as HTTP (docs/web.md): the code decides the status, the
/// body is `{"error": CODE, "field": F, "message": M}` (no `field` when none applies).
enum ErrorResponse {
    static func make(_ rejection: Rejection) -> Response {
        var members: [(String, JSONValue)] = []
        if let field = rejection.field { members.append(("field", .string(field))) }
        var headers: HTTPFields = [.cacheControl: "no-store"]
        let status: HTTPResponse.Status
        switch rejection.code {
        case .unauthorized:
            status = .unauthorized
            headers[.wwwAuthenticate] = "Bearer"
        case .forbidden: status = .forbidden
        case .unavailable:
            status = .serviceUnavailable
            headers[.retryAfter] = "1"
        default: status = .badRequest
        }
        return JSONResponse.error(
            status, code: rejection.code.rawValue, message: rejection.message, extra: members, headers: headers)
    }
}
