//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import HTTPTypes
import Hummingbird
import LeadstreamCore

/// `Authorization: Bearer T` (SPEC §11): how an HTTP request carries its token.
package enum BearerToken {
    package static func of(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}

extension JSONResponse {
    /// A refused request: 401 `unauthorized` (with `WWW-Authenticate`), 403 `forbidden`.
    package static func refusal(_ rejection: Rejection) -> Response {
        switch rejection.code {
        case .unauthorized:
            error(
                .unauthorized, code: rejection.code.rawValue, message: rejection.message,
                headers: [.wwwAuthenticate: "Bearer"])
        default:
            error(.forbidden, code: rejection.code.rawValue, message: rejection.message)
        }
    }
}
