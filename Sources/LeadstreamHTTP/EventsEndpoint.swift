//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import LeadstreamAccess
import LeadstreamCore
import LeadstreamGateway
import LeadstreamWire
import Logging
import NIOCore

/// `POST /v1/events`: one JSON event or an NDJSON batch, handed to the
/// gateway core unchanged, answered with its `BatchResult` once durable.
///
/// Every request gets an answer that says what happened to its lines (never
/// a silent drop): a result (200/422), a refusal the client may retry
/// (503 + `Retry-After`, 413), or a request error (400, 415).
struct EventsEndpoint: Sendable {
    let ingest: any EventIngesting
    let access: AccessControl
    let maxBodyBytes: Int
    let unavailableRetryAfterSeconds: Int

    /// Media types taken; a missing `Content-Type` is taken too, since many
    /// producers (and `curl --data-binary` without `-H`) send none.
    static let acceptedMediaTypes: Set<String> = ["application/json", "application/x-ndjson"]

    func respond(to request: Request, context: some RequestContext) async throws -> Response {
        // A refused request is answered as a whole, before its body is read (SPEC §10).
        let account: String?
        switch access.principal(token: BearerToken.of(request)) {
        case .failure(let refusal): return JSONResponse.refusal(refusal)
        case .success(nil): account = nil
        case .success(.ingest(let a)?): account = a
        case .success(.some):
            return JSONResponse.refusal(Rejection(.forbidden, field: nil, "only an ingest token sends events"))
        }
        if let contentType = request.headers[.contentType], !Self.accepts(contentType: contentType) {
            return JSONResponse.error(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "Content-Type must be application/json or application/x-ndjson, not \(contentType)")
        }
        // A declared length over the limit is refused before reading anything.
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBodyBytes {
            return tooLarge(limitBytes: maxBodyBytes)
        }
        let body: ByteBuffer
        do {
            // Bounded while streaming: collection stops at the limit (chunked bodies included).
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return tooLarge(limitBytes: maxBodyBytes)
        }
        var batch = Array(body.readableBytesView)
        if batch.allSatisfy(Self.isBlank) {
            return JSONResponse.error(.badRequest, code: ErrorCode.malformedJSON.rawValue, message: "empty body")
        }
        // `application/json` is one document: a pretty-printed event is one event (line 1), not one per line.
        if Self.isJSONDocument(contentType: request.headers[.contentType]), let line = JSONSyntax.oneLine(batch) {
            batch = line
        }
        let result: BatchResult
        do throws(IngestRefusal) {
            result = try await ingest.ingest(batch, account: account)
        } catch {
            context.logger.debug("batch refused", metadata: ["leadstream.refusal": "\(error.code)"])
            return refused(error)
        }
        context.logger.debug(
            "batch ingested",
            metadata: [
                "leadstream.bytes": "\(batch.count)", "leadstream.accepted": "\(result.accepted)",
                "leadstream.duplicates": "\(result.duplicates)", "leadstream.rejected": "\(result.rejected.count)",
            ])
        return JSONResponse.make(Self.status(of: result), result.json)
    }

    /// 422 only when nothing of the batch took effect or was acknowledged:
    /// every non-blank line was rejected. A partly rejected batch is 200, since
    /// its accepted lines are durable and retrying it whole would be wrong;
    /// the body lists the rejected lines either way.
    static func status(of result: BatchResult) -> HTTPResponse.Status {
        result.accepted == 0 && result.duplicates == 0 && !result.rejected.isEmpty ? .unprocessableContent : .ok
    }

    /// `application/json` or `application/x-ndjson`, parameters (`; charset=utf-8`) ignored.
    static func accepts(contentType: String) -> Bool {
        acceptedMediaTypes.contains(mediaType(contentType))
    }

    /// Whether the body is declared one JSON document (`application/json`) rather than NDJSON
    /// (`application/x-ndjson`, or no `Content-Type`).
    static func isJSONDocument(contentType: String?) -> Bool {
        contentType.map(mediaType) == "application/json"
    }

    /// The media type of a `Content-Type`, lowercased, without parameters.
    static func mediaType(_ contentType: String) -> String {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingWhitespace().lowercased()
    }

    /// JSON whitespace: a body of only these holds no line to ingest.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func tooLarge(limitBytes: Int) -> Response {
        JSONResponse.error(
            .contentTooLarge, code: ErrorCode.tooLarge.rawValue,
            message: "request body over \(limitBytes) bytes; send smaller batches",
            extra: [("limit_bytes", .int(limitBytes))])
    }

    private func refused(_ refusal: IngestRefusal) -> Response {
        switch refusal {
        case .overloaded(let seconds):
            JSONResponse.error(
                .serviceUnavailable, code: refusal.code, message: "the gateway is overloaded; retry later",
                extra: [("retry_after", .int(seconds))], headers: [.retryAfter: String(seconds)])
        case .unavailable:
            JSONResponse.error(
                .serviceUnavailable, code: refusal.code, message: "the gateway is shutting down; retry later",
                extra: [("retry_after", .int(unavailableRetryAfterSeconds))],
                headers: [.retryAfter: String(unavailableRetryAfterSeconds)])
        case .tooLarge(let limit):
            tooLarge(limitBytes: limit)
        case .refused(let rejection):
            JSONResponse.refusal(rejection)
        }
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
