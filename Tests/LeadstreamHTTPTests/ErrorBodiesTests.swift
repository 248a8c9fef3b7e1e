//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import LeadstreamHTTP

/// Every error answer has a JSON body and the status that says what was wrong (docs/http.md, "Errors").
@Suite struct ErrorBodiesTests {
    struct Boom: Error {}

    @Test func anErrorNoHandlerAnsweredIs500WithAJSONBodyThatKeepsItsTextOut() async throws {
        let router = TestServer().router()
        router.get("/boom") { _, _ -> Response in throw Boom() }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestServer.logger)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/boom", method: .get)
            #expect(response.status == .internalServerError)
            #expect(response.headers[.contentType] == "application/json")
            let body = String(buffer: response.body)
            #expect(body == #"{"error":"internal_error","message":"the server could not answer this request"}"# + "\n")
            #expect(!body.contains("Boom"))
        }
    }

    @Test func anHTTPErrorAHandlerThrowsKeepsItsStatusWithAJSONBody() async throws {
        let router = TestServer().router()
        router.get("/teapot") { _, _ -> Response in throw HTTPError(.badRequest, message: "no tea here") }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestServer.logger)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/teapot", method: .get)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body) == #"{"error":"bad_request","message":"no tea here"}"# + "\n")
        }
    }

    @Test(arguments: [HTTPRequest.Method.head, .options, .put, .patch, .delete])
    func everyOtherMethodOnThePostRouteIs405WithAllow(method: HTTPRequest.Method) async throws {
        try await TestServer().application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/events", method: method)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
            if method != .head {
                #expect(String(buffer: response.body).hasPrefix(#"{"error":"method_not_allowed","message":"\#(method) is not allowed on /v1/events"#))
            }
        }
    }

    @Test func headOfAGetRouteIsStillAnsweredAndOptionsIs405() async throws {
        try await TestServer().application().test(.router) { client in
            let head = try await client.execute(uri: "/healthz", method: .head)
            #expect(head.status == .ok)
            let options = try await client.execute(uri: "/healthz", method: .options)
            #expect(options.status == .methodNotAllowed)
            #expect(options.headers[.allow] == "GET")
            #expect(options.headers[.contentType] == "application/json")
        }
    }
}
