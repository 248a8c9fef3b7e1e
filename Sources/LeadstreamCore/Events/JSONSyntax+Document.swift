//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension JSONSyntax {
    /// A body sent as one JSON document (HTTP `Content-Type: application/json`) as the one
    /// NDJSON line it stands for, or `nil` when it is to be read line by line as it is.
    ///
    /// A person or a program that pretty-prints one event and posts it as JSON means one
    /// event, not one event per line (which would reject every line as `malformed_json`).
    /// Raw CR and LF can only be whitespace between a valid document's tokens (a JSON string
    /// holds them escaped), so turning them into spaces keeps the event as it was. The rule:
    ///
    /// - a body already on one line (blank lines around it aside): `nil`;
    /// - a body whose first line is a JSON object by itself: NDJSON, `nil`;
    /// - a body that is one JSON object as a whole: that object on one line, one event;
    /// - a body that starts with `{` and has a later line that is an object by itself: NDJSON
    ///   with a broken first line, `nil` (NDJSON sent as `application/json` keeps its lines);
    /// - anything else (a broken document, an array, any other value) is one document too:
    ///   returned on one line, so it is rejected once, as line 1, not once per line.
    public static func oneLine(_ body: [UInt8]) -> [UInt8]? {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = body.firstIndex(where: { !isSpace($0) }), let last = body.lastIndex(where: { !isSpace($0) })
        else { return nil }
        let content = body[first...last]
        guard content.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        let lines = content.split(omittingEmptySubsequences: true) { $0 == 0x0A || $0 == 0x0D }
        // A first line that is a whole object leaves more after it: the body is no one object.
        if Array(lines[0]).withUnsafeBytes(isObject) { return nil }
        let joined = content.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
        if joined.withUnsafeBytes(isObject) { return joined }
        let ndjson = content.first == UInt8(ascii: "{") && lines.dropFirst().contains { Array($0).withUnsafeBytes(isObject) }
        return ndjson ? nil : joined
    }
}
