//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension JSONScanner {
    /// Scans the object or array starting at `pos`, nested values included.
    ///
    /// Iterative, with the open containers kept as a bit stack (one word up
    /// to 64 levels, an array beyond), so a line of a million `[` is an
    /// error message rather than a stack overflow.
    mutating func scanContainer() throws(JSONSyntaxError) {
        var open = ContainerStack()
        outer: while true {
            // At `{` or `[`: open it and scan its first member, if any.
            let isObject = base[pos] == UInt8(ascii: "{")
            pos += 1
            open.push(isObject)
            skipWhitespace()
            if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                pos += 1
                open.pop()
            } else {
                if isObject { try scanKeyAndColon() }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { continue outer }
                _ = try scanScalar()
            }
            // After a value: a comma and the next member, or the end of containers.
            while !open.isEmpty {
                skipWhitespace()
                let b = byte
                let inObject = open.top
                if b == UInt8(ascii: ",") {
                    let comma = pos
                    pos += 1
                    skipWhitespace()
                    if inObject {
                        if byte == UInt8(ascii: "}") { throw JSONSyntaxError(.trailingCommaInObject, at: comma) }
                        try scanKeyAndColon()
                    } else if byte == UInt8(ascii: "]") {
                        throw JSONSyntaxError(.trailingCommaInArray, at: comma)
                    }
                    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { continue outer }
                    _ = try scanScalar()
                } else if b == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos += 1
                    open.pop()
                } else {
                    throw JSONSyntaxError(.expectingComma, at: pos)
                }
            }
            return
        }
    }

    /// Scans `"key" :` and the whitespace after it; returns the key's content offsets.
    @inline(__always)
    @discardableResult
    mutating func scanKeyAndColon() throws(JSONSyntaxError) -> (start: Int, end: Int, escaped: Bool) {
        guard byte == UInt8(ascii: "\"") else { throw JSONSyntaxError(.expectingPropertyName, at: pos) }
        let key = try scanString()
        skipWhitespace()
        guard byte == UInt8(ascii: ":") else { throw JSONSyntaxError(.expectingColon, at: pos) }
        pos += 1
        skipWhitespace()
        return key
    }
}

/// Which containers are open, innermost last: `true` for an object.
private struct ContainerStack {
    private var bits: UInt64 = 0
    private var depth = 0
    /// Levels beyond the 64 that `bits` holds.
    private var deeper: [Bool] = []

    var isEmpty: Bool { depth == 0 }

    var top: Bool { depth <= 64 ? bits >> UInt64(depth - 1) & 1 == 1 : deeper[depth - 65] }

    mutating func push(_ isObject: Bool) {
        if depth < 64 {
            if isObject { bits |= 1 << UInt64(depth) } else { bits &= ~(1 << UInt64(depth)) }
        } else {
            deeper.append(isObject)
        }
        depth += 1
    }

    mutating func pop() {
        depth -= 1
        if depth >= 64 { deeper.removeLast() }
    }
}
