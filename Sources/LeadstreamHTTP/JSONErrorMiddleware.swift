//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird

/// Every error answer carries a JSON body (docs/http.md), also the ones
/// Hummingbird makes itself: no route is 404 `not_found`, a wrong method on a
/// route is 405 `method_not_allowed` (with `Allow`, see `refuseOtherMethods`).
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let code =
                switch error.status {
                case .notFound: "not_found"
                case .methodNotAllowed: "method_not_allowed"
                case .contentTooLarge: "too_large"
                case .badRequest: "bad_request"
                default: "http_\(error.status.code)"
                }
            let message =
                error.status == .notFound
                ? "no route \(request.method) \(request.uri.path)" : error.body ?? error.status.reasonPhrase
            return JSONResponse.error(error.status, code: code, message: message, headers: error.headers)
        }
    }
}

extension Router {
    /// Answers the methods a route does not take with 405 and `Allow` (instead of 404, as if the path were unknown).
    public func refuseOtherMethods(on path: RouterPath, allowed: [HTTPRequest.Method]) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] where !allowed.contains(method) {
            on(path, method: method) { request, _ in
                JSONResponse.error(
                    .methodNotAllowed, code: "method_not_allowed",
                    message: "\(request.method) is not allowed on \(request.uri.path) (\(allow))", headers: [.allow: allow])
            }
        }
    }
}
