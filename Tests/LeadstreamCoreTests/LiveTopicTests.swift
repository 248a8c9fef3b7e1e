//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Testing

@Suite struct LiveTopicTests {
    @Test func namesAreSpecNinesAndReadBack() {
        let expected: [ReportRequest.Kind: String] = [
            .executive: "exec/acme/2026-W47", .dashboard: "dash/acme/2026-W47", .widget: "widget/acme/2026-W47",
        ]
        for kind in ReportRequest.Kind.allCases {
            let topic = LiveTopic(kind: kind, account: "acme", period: "2026-W47")
            #expect(topic.name == expected[kind])
            #expect(LiveTopic(name: topic.name) == topic)
        }
    }

    @Test func otherNamesAreNotTopics() {
        for name in ["exec/acme", "report/acme/2026-11", "executive/acme/2026-11", "", "exec"] {
            #expect(LiveTopic(name: name) == nil, "\(name)")
        }
    }
}
