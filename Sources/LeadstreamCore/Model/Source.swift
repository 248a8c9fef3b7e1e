//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Where a lead came from (SPEC §3). Declaration order is the canonical order.
public enum Source: UInt8, WireNamed, Comparable {
    case webChat, form, aiReceptionist, phone, mail, api, chat, other, bulkImport, crmUI

    /// The wire name, as in events and reports.
    public var name: String {
        switch self {
        case .webChat: "web_chat"
        case .form: "form"
        case .aiReceptionist: "ai_receptionist"
        case .phone: "phone"
        case .mail: "mail"
        case .api: "api"
        case .chat: "chat"
        case .other: "other"
        case .bulkImport: "bulk_import"
        case .crmUI: "crm_ui"
        }
    }

    /// Captured by an integrated tool, as opposed to entered by hand.
    public var isOrganic: Bool { self != .bulkImport && self != .crmUI }

    /// Counted in the executive report's `ai_tools` figure.
    public var isAIPowered: Bool { self == .webChat || self == .aiReceptionist }

    /// The widget source this source is drawn as; `nil` when the widget ignores it.
    public var widgetSource: WidgetSource? {
        switch self {
        case .webChat, .chat: .chat
        case .form: .site
        case .aiReceptionist, .phone: .phone
        case .mail: .mail
        case .api: .api
        case .other, .bulkImport, .crmUI: nil
        }
    }

    public static let organic: [Source] = allCases.filter(\.isOrganic)
    public static let manual: [Source] = allCases.filter { !$0.isOrganic }

    public static func < (a: Source, b: Source) -> Bool { a.rawValue < b.rawValue }
}

/// The five sources of the Sources of Leads widget (SPEC §3), in canonical order.
public enum WidgetSource: UInt8, WireNamed, Comparable {
    case site, phone, mail, api, chat

    public var name: String {
        switch self {
        case .site: "site"
        case .phone: "phone"
        case .mail: "mail"
        case .api: "api"
        case .chat: "chat"
        }
    }

    public var label: String {
        switch self {
        case .site: "from site"
        case .phone: "phone"
        case .mail: "mail"
        case .api: "API"
        case .chat: "Chat"
        }
    }

    /// The colour of an active source; inactive ones are drawn `grey`.
    public var color: String {
        switch self {
        case .site: "lilac"
        case .phone: "blue"
        case .mail: "yellow"
        case .api: "red"
        case .chat: "green"
        }
    }

    public static func < (a: WidgetSource, b: WidgetSource) -> Bool { a.rawValue < b.rawValue }
}

/// A set of widget sources as a bit mask: settings carry it on every account.
public struct WidgetSourceSet: Hashable, Sendable {
    public var bits: UInt8
    public init(bits: UInt8) { self.bits = bits }
    public init(_ sources: some Sequence<WidgetSource>) {
        bits = 0
        for s in sources { bits |= 1 << s.rawValue }
    }
    public static let all = WidgetSourceSet(WidgetSource.allCases)
    public func contains(_ s: WidgetSource) -> Bool { bits & (1 << s.rawValue) != 0 }
    public var members: [WidgetSource] { WidgetSource.allCases.filter(contains) }
}
