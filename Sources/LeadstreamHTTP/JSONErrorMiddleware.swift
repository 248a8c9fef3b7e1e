//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import Logging

/// Every error answer carries a JSON body (docs/http.md), also the ones
/// Hummingbird makes itself: no route is 404 `not_found`, a wrong method on a
/// route is 405 `method_not_allowed` (with `Allow`, see `refuseOtherMethods`),
/// and an error no handler turned into a response is 500 `internal_error`
/// (its text is logged, not sent: it may name files or peers).
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let message =
                error.status == .notFound
                ? "no route \(request.method) \(request.uri.path)" : error.body ?? error.status.reasonPhrase
            return JSONResponse.error(error.status, code: Self.code(error.status), message: message, headers: error.headers)
        } catch let error as any HTTPResponseError {
            return JSONResponse.error(error.status, code: Self.code(error.status), message: error.status.reasonPhrase)
        } catch {
            context.logger.info("request failed", metadata: ["error": "\(error)"])
            return JSONResponse.error(.internalServerError, code: "internal_error", message: "the server could not answer this request")
        }
    }

    /// The `error` code of a status no handler chose a code for.
    static func code(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .contentTooLarge: "too_large"
        case .badRequest: "bad_request"
        case .internalServerError: "internal_error"
        default: "http_\(status.code)"
        }
    }
}

extension Router {
    /// Answers the methods a route does not take with 405 and `Allow` (instead of 404, as if the path were unknown).
    ///
    /// - Parameters:
    ///   - allowed: the methods the route takes.
    ///   - headAsGet: whether `HEAD` of a `GET` route is answered as the `GET` without its body (the
    ///     router's `autoGenerateHeadEndpoints`); `false` refuses it, for a route whose `GET` opens
    ///     something that only its body would close (the live stream).
    public func refuseOtherMethods(on path: RouterPath, allowed: [HTTPRequest.Method], headAsGet: Bool = true) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        let refused: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options].filter { method in
            !allowed.contains(method) && !(method == .head && headAsGet && allowed.contains(.get))
        }
        for method in refused {
            on(path, method: method) { request, _ in
                JSONResponse.error(
                    .methodNotAllowed, code: "method_not_allowed",
                    message: "\(request.method) is not allowed on \(request.uri.path) (\(allow))", headers: [.allow: allow])
            }
        }
    }
}
