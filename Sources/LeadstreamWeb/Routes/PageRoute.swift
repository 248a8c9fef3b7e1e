//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import LeadstreamHTTP
import NIOCore

/// `GET /` and `GET /assets/NAME`: the dashboard page, from the files built
/// into the binary (`Assets/`, the EmbedAssets plugin).
enum PageRoute {
    /// The page is always built in; were it missing, the answer is still a JSON error (docs/http.md).
    static func page() -> Response {
        asset("index.html") ?? JSONResponse.error(.internalServerError, code: "internal_error", message: "the page is not built in")
    }

    static func asset(_ name: String) -> Response? {
        guard let text = EmbeddedAssets.files[name] else { return nil }
        let headers: HTTPFields = [
            .contentType: contentType(name), .cacheControl: "no-cache",
            // Everything comes from this origin; nothing is fetched from elsewhere.
            .contentSecurityPolicy:
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func contentType(_ name: String) -> String {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "json": "application/json; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
