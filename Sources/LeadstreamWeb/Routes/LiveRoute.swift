//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import HTTPTypes
import Hummingbird
import LeadstreamAccess
import LeadstreamCore
import LeadstreamLive
import NIOCore

/// `GET /v1/live?account=A[&prefix=P]` (docs/web.md): Server-Sent Events of
/// the account's topics in the viewer's scope, from the hub.
struct LiveRoute: Sendable {
    let aggregator: AggregatorClient
    let hub: LiveHub
    /// A comment goes out after this much silence, so proxies keep the connection open.
    let keepAlive: Duration

    func respond(to request: Request) async -> Response {
        let items = request.uri.queryParameters
        guard let account = items["account"].map(String.init), !account.isEmpty else {
            return ErrorResponse.make(Rejection(.missingField, field: "account", "GET /v1/live needs ?account=A"))
        }
        for (key, _) in items where !["account", "prefix", "last_event_id"].contains(key) {
            return ErrorResponse.make(
                Rejection(.invalidValue, field: String(key), "unknown parameter '\(key)' (account, prefix, last_event_id)"))
        }
        let lastEventID = request.headers[HTTPField.Name("Last-Event-ID")!] ?? items["last_event_id"].map(String.init)
        var from = 0
        if let text = lastEventID {
            guard let id = Int(text.trimmingPrefix(" ")), id >= 0 else {
                return ErrorResponse.make(Rejection(.invalidValue, field: "last_event_id", "an event id is a version (0 or more)"))
            }
            from = id
        }
        let token = Credentials.token(of: request)
        let principal: Principal?
        switch await aggregator.whoami(token: token) {
        case .failure(let r): return ErrorResponse.make(r)
        case .success(let p): principal = p
        }
        let scope: StreamScope
        switch StreamScope.decide(account: account, prefix: items["prefix"].map(String.init) ?? "", principal: principal) {
        case .failure(let r): return ErrorResponse.make(r)
        case .success(let s): scope = s
        }
        guard let (id, signal) = hub.open(scope, token: token, from: from) else {
            return ErrorResponse.make(Rejection(.unavailable, field: nil, "the server is shutting down"))
        }
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        let hub = self.hub
        let keepAlive = self.keepAlive
        let start = from
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { hub.close(id) }
                var last = start
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                while true {
                    switch hub.drain(id) {
                    case .failure(let closed):
                        try await writer.write(ByteBuffer(string: SSE.closed(closed.reason)))
                        try await writer.finish(nil)
                        return
                    case .success(let messages) where messages.isEmpty:
                        if !(await signal.wait(timeout: keepAlive)) {
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        }
                    case .success(let messages):
                        var text = ""
                        for m in messages {
                            // Ids never decrease along a stream (docs/web.md); normally id == version.
                            last = max(last, m.version)
                            text += SSE.event(m, id: last)
                        }
                        try await writer.write(ByteBuffer(string: text))
                    }
                }
            })
    }
}

/// The text of Server-Sent Events (WHATWG HTML, "Server-sent events").
enum SSE {
    static func event(_ message: LiveMessage, id: Int) -> String {
        "id: \(id)\nevent: \(message.topic)\ndata: \(message.json)\n\n"
    }

    /// The stream's last event, named so that no browser mistakes it for a connection error.
    static func closed(_ reason: String) -> String {
        let data = JSONValue.object([("error", .string("closed")), ("message", .string(reason))]).compact
        return "event: leadstream.closed\ndata: \(data)\n\n"
    }
}
