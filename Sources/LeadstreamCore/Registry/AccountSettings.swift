//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// An account's settings (SPEC §2), with the defaults of an account never configured.
public struct AccountSettings: Hashable, Sendable {
    public var zone: Zone
    public var unqualifiedEnabled: Bool
    public var activeSources: WidgetSourceSet

    public init(zone: Zone = .utc, unqualifiedEnabled: Bool = true, activeSources: WidgetSourceSet = .all) {
        self.zone = zone
        self.unqualifiedEnabled = unqualifiedEnabled
        self.activeSources = activeSources
    }

    public static let defaults = AccountSettings()
}
