//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import LeadstreamCore
import NIOCore

/// JSON responses written with `JSONValue`, the project's one ordered JSON
/// writer, so HTTP bodies have the same key order and number forms as the
/// ZeroMQ acknowledgements and the CLI (SPEC §11: identical answers).
package enum JSONResponse {
    /// A compact JSON body followed by a newline (so `curl` output ends cleanly).
    package static func make(_ status: HTTPResponse.Status, _ json: JSONValue, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        let text = json.compact + "\n"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The error shape of every non-result answer: `{"error": CODE, "message": …, …extra}`.
    ///
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - code: a SPEC §2 error code where one fits (`malformed_json`,
    ///     `too_large`), otherwise the refusal's or a transport code.
    ///   - message: for people.
    ///   - extra: machine-readable details such as `retry_after` or `limit_bytes`.
    ///   - headers: extra response headers such as `Retry-After`.
    package static func error(
        _ status: HTTPResponse.Status, code: String, message: String,
        extra: [(String, JSONValue)] = [], headers: HTTPFields = [:]
    ) -> Response {
        make(status, .object([("error", .string(code)), ("message", .string(message))] + extra), headers: headers)
    }
}
