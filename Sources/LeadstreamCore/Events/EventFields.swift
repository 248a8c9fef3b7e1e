//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The kept fields of one scanned line, and the checks of SPEC §1–§2 that
/// turn each into a typed value or the rejection it earns.
///
/// Every check reads the value straight from the line's bytes; a `String`
/// is made only for a value the `Event` keeps, after it has passed.
struct EventFields {
    let base: UnsafePointer<UInt8>
    let slots: UnsafeBufferPointer<JSONSlot>

    subscript(key: EventKey) -> JSONSlot { slots[key.rawValue] }

    /// Calls `body` with the text of a string value (unescaped if need be).
    @inline(__always)
    func withText<R>(_ slot: JSONSlot, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard slot.escaped else {
            return body(UnsafeRawBufferPointer(start: base + Int(slot.start), count: Int(slot.end - slot.start)))
        }
        return JSONScanner.unescape(base, start: Int(slot.start), end: Int(slot.end)).withUnsafeBytes(body)
    }

    /// The text of a string value.
    func string(_ slot: JSONSlot) -> String { withText(slot) { String(decoding: $0, as: UTF8.self) } }

    /// A value as messages show it: `'text'` for a string, its JSON text otherwise.
    func display(_ slot: JSONSlot) -> String {
        if slot.kind == .string { return "'" + string(slot) + "'" }
        let raw = UnsafeRawBufferPointer(start: base + Int(slot.start), count: Int(slot.end - slot.start))
        return String(decoding: raw, as: UTF8.self)
    }

    // MARK: - Presence

    /// The value of a required field; `missing_field` when absent or `null`.
    func required(_ key: EventKey) throws(Rejection) -> JSONSlot {
        let slot = self[key]
        guard slot.isPresent else { throw Rejection(.missingField, field: key.name, "field '\(key.name)' is required") }
        return slot
    }

    // MARK: - Identifiers

    /// A required identifier (SPEC §1).
    func identifier(_ key: EventKey) throws(Rejection) -> String {
        try identifier(key, try required(key), allowEmpty: false)
    }

    /// An optional identifier that may also be `""`; `nil` when absent or `null`.
    func optionalIdentifier(_ key: EventKey) throws(Rejection) -> String? {
        let slot = self[key]
        guard slot.isPresent else { return nil }
        return try identifier(key, slot, allowEmpty: true)
    }

    @inline(__always)
    private func identifier(_ key: EventKey, _ slot: JSONSlot, allowEmpty: Bool) throws(Rejection) -> String {
        if slot.kind == .string,
            let text = withText(
                slot, { Identifier.isValid($0, allowEmpty: allowEmpty) ? String(decoding: $0, as: UTF8.self) : nil })
        {
            return text
        }
        throw Rejection(
            .invalidValue, field: key.name, "'\(key.name)' must be 1-128 characters from A-Z a-z 0-9 . _ : @ -")
    }

    // MARK: - Names

    /// A required name from a fixed list (`source`, `status`).
    func name<T>(_ key: EventKey, in table: NameTable<T>) throws(Rejection) -> T {
        try name(key, try required(key), in: table)
    }

    /// An optional name; `nil` when absent or `null`.
    func optionalName<T>(_ key: EventKey, in table: NameTable<T>) throws(Rejection) -> T? {
        let slot = self[key]
        guard slot.isPresent else { return nil }
        return try name(key, slot, in: table)
    }

    private func name<T>(_ key: EventKey, _ slot: JSONSlot, in table: NameTable<T>) throws(Rejection) -> T {
        if slot.kind == .string, let value = withText(slot, { table.lookup($0) }) { return value }
        throw Rejection(.invalidValue, field: key.name, "invalid \(key.name) \(display(slot))")
    }
}

/// The wire names of an enumeration, matched against raw bytes without
/// building a `String` (the model's `init?(name:)` takes one).
struct NameTable<T>: Sendable where T: Sendable {
    private let entries: [(name: [UInt8], value: T)]

    init(_ values: [T], name: (T) -> String) {
        entries = values.map { (Array(name($0).utf8), $0) }
    }

    @inline(__always)
    func lookup(_ bytes: UnsafeRawBufferPointer) -> T? {
        for entry in entries where entry.name.count == bytes.count {
            let same = entry.name.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
            if same { return entry.value }
        }
        return nil
    }
}

/// The name tables the rules use, built once.
enum Names {
    static let sources = NameTable(Source.allCases) { $0.name }
    static let statuses = NameTable(LeadStatus.allCases) { $0.name }
    static let leadTypes = NameTable(LeadType.allCases) { $0.name }
    static let widgetSources = NameTable(WidgetSource.allCases) { $0.name }
    static let eventTypes = NameTable(EventType.allCases) { $0.rawValue }
}

/// The five event types of SPEC §2.
enum EventType: String, CaseIterable, Sendable {
    case settings = "account.settings"
    case created = "lead.created"
    case sourceChanged = "lead.source_changed"
    case statusChanged = "lead.status_changed"
    case deleted = "lead.deleted"
}
