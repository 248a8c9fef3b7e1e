//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// SPEC §1–§2 validation: which field decides, and with which code.
@Suite struct EventDecoderTests {
    @Test func leadCreatedGetsItsDefaults() throws {
        let e = try #require(decodedEvent(Line.created()))
        #expect(e.eventID == "e1")
        #expect(e.account == "acme")
        #expect(e.occurredAt == RFC3339.parse("2026-11-20T10:00:00Z"))
        #expect(e.body == .created(LeadCreated(leadID: "L1", office: "hq", source: .form)))
        let c = try #require(e.body.created)
        #expect(c.user == "" && c.campaign == "" && c.leadType == .contact && c.status == .new)
    }

    @Test func anIngestTokensOtherAccountIsForbiddenRightAfterTheAccountIsValidated() throws {
        func rejection(_ line: String) -> Rejection? {
            if case .rejected(let r) = EventDecoder.decode(line, account: "acme") { return r }
            return nil
        }
        let other = try #require(
            rejection(#"{"type": "lead.deleted", "event_id": "e1", "account": "zeta", "occurred_at": "bad"}"#))
        #expect(other.code == .forbidden && other.field == "account")
        // Fields before it still come first.
        let badID = try #require(rejection(#"{"type": "lead.deleted", "event_id": "", "account": "zeta"}"#))
        #expect(badID.field == "event_id")
        let own = #"{"type": "lead.deleted", "event_id": "e1", "account": "acme", "occurred_at": "2026-11-20T10:00:00Z", "lead_id": "L1"}"#
        #expect(rejection(own) == nil)
    }

    @Test func leadCreatedKeepsEveryOptionalField() {
        let line = Line.created([
            "user": #""u-7@x""#, "campaign": #""spring:2026""#, "lead_type": #""advisor""#, "status": #""unqualified""#,
            "source": #""ai_receptionist""#,
        ])
        let expected = LeadCreated(
            leadID: "L1", office: "hq", source: .aiReceptionist, user: "u-7@x", campaign: "spring:2026",
            leadType: .advisor, status: .unqualified)
        #expect(decodedEvent(line)?.body == .created(expected))
    }

    @Test func otherLeadEventsDecode() {
        #expect(decodedEvent(Line.sourceChanged())?.body == .sourceChanged(leadID: "L1", source: .mail))
        #expect(decodedEvent(Line.deleted())?.body == .deleted(leadID: "L1"))
        #expect(decodedEvent(Line.statusChanged())?.body == .statusChanged(leadID: "L1", status: .accepted, user: nil))
    }

    @Test func statusChangeUserIsNilWhenAbsentOrNullAndEmptyUnassigns() {
        #expect(
            decodedEvent(Line.statusChanged(["user": "null"]))?.body
                == .statusChanged(leadID: "L1", status: .accepted, user: nil))
        #expect(
            decodedEvent(Line.statusChanged(["user": #""""#]))?.body
                == .statusChanged(leadID: "L1", status: .accepted, user: ""))
        #expect(
            decodedEvent(Line.statusChanged(["user": #""bob""#]))?.body
                == .statusChanged(leadID: "L1", status: .accepted, user: "bob"))
    }

    @Test func settingsDecodeEveryField() {
        let line = Line.settings([
            "timezone": #""America/Chicago""#, "unqualified_enabled": "false",
            "active_sources": #"["chat", "site", "chat"]"#,
        ])
        let change = SettingsChange(
            timezone: "America/Chicago", unqualifiedEnabled: false, activeSources: WidgetSourceSet([.site, .chat]))
        #expect(decodedEvent(line)?.body == .settings(change))
    }

    @Test func settingsFieldsAreOptionalAndEmptyActiveSourcesMeansNone() {
        #expect(decodedEvent(Line.settings())?.body == .settings(SettingsChange()))
        #expect(decodedEvent(Line.settings(["timezone": "null"]))?.body == .settings(SettingsChange()))
        let none = decodedEvent(Line.settings(["active_sources": "[ ]", "unqualified_enabled": "true"]))
        #expect(
            none?.body == .settings(SettingsChange(unqualifiedEnabled: true, activeSources: WidgetSourceSet(bits: 0))))
    }

    @Test func missingOrNullTypeIsMissingField() {
        #expect(summary(Line.created(["type": nil])) == "missing_field type: field 'type' is required")
        #expect(summary(Line.created(["type": "null"])) == "missing_field type: field 'type' is required")
    }

    @Test(arguments: [
        (#""lead.updated""#, "unknown event type 'lead.updated'"),
        (#""Lead.Created""#, "unknown event type 'Lead.Created'"),
        ("42", "unknown event type 42"),
        ("true", "unknown event type true"),
    ])
    func typeOtherThanTheFiveExactStringsIsUnknownType(type: String, message: String) {
        #expect(summary(Line.created(["type": type])) == "unknown_type type: " + message)
    }

    @Test func nullCountsAsAbsent() {
        #expect(summary(Line.created(["account": "null"])) == "missing_field account: field 'account' is required")
        #expect(summary(Line.created(["source": "null"])) == "missing_field source: field 'source' is required")
        let e = decodedEvent(Line.created(["user": "null", "campaign": "null", "lead_type": "null", "status": "null"]))
        #expect(e?.body == .created(LeadCreated(leadID: "L1", office: "hq", source: .form)))
    }

    @Test(arguments: [
        (Line.created(["event_id": nil]), "event_id"), (Line.created(["occurred_at": nil]), "occurred_at"),
        (Line.created(["lead_id": nil]), "lead_id"), (Line.created(["office": nil]), "office"),
        (Line.statusChanged(["status": nil]), "status"), (Line.sourceChanged(["source": nil]), "source"),
        (Line.deleted(["lead_id": nil]), "lead_id"), (Line.statusChanged(["lead_id": "null"]), "lead_id"),
    ])
    func requiredFieldAbsentIsMissingField(line: String, field: String) {
        #expect(summary(line) == "missing_field \(field): field '\(field)' is required")
    }

    @Test(arguments: [
        ("event_id", #""has space""#), ("event_id", "5"), ("event_id", #""""#), ("account", #""caf\u00e9""#),
        ("lead_id", "\"" + String(repeating: "x", count: 129) + "\""), ("office", #""a/b""#), ("office", #""""#),
        ("user", #""a b""#), ("campaign", #""x;y""#), ("user", "7"), ("campaign", "[]"),
    ])
    func badIdentifierIsInvalidValue(field: String, value: String) {
        #expect(summary(Line.created([field: value])) == "invalid_value \(field): '\(field)' \(identifierMessage)")
    }

    @Test func identifierOf128AllowedCharactersIsValid() {
        let id = String(repeating: "aZ9._:@-", count: 16)
        #expect(decodedEvent(Line.created(["lead_id": "\"\(id)\""]))?.leadID == id)
        #expect(summary(Line.statusChanged(["user": "7"])) == "invalid_value user: 'user' \(identifierMessage)")
    }

    @Test(arguments: [
        ("source", #""fax""#, "invalid source 'fax'"), ("source", #""Web_Chat""#, "invalid source 'Web_Chat'"),
        ("source", "3", "invalid source 3"), ("lead_type", #""vip""#, "invalid lead_type 'vip'"),
        ("lead_type", #""all""#, "invalid lead_type 'all'"), ("status", #""won""#, "invalid status 'won'"),
    ])
    func unknownNameIsInvalidValue(field: String, value: String, message: String) {
        #expect(summary(Line.created([field: value])) == "invalid_value \(field): \(message)")
    }

    @Test(arguments: [
        #""2026-11-20T10:00:00""#, #""2026-11-20 10:00:00Z""#, #""2026-06-30T23:59:60Z""#, "1763632800",
        #""2026-02-29T00:00:00Z""#, #""2026-11-20T10:00:00+0530""#, #""2026-11-20T24:00:00Z""#, #""2026-11-20""#,
        #""2026-11-20T10:00Z""#, #""yesterday""#, #""""#, "[]",
    ])
    func badOccurredAtIsInvalidTimestamp(value: String) {
        #expect(summary(Line.created(["occurred_at": value])) == timestampMessage)
    }

    @Test(arguments: [
        (#""Mars/Olympus""#, "'Mars/Olympus'"), ("5", "5"), (#""""#, "''"),
        (#""america/chicago""#, "'america/chicago'"),
    ])
    func unknownTimezoneIsInvalidTimezone(value: String, shown: String) {
        #expect(
            summary(Line.settings(["timezone": value])) == "invalid_timezone timezone: unknown IANA timezone \(shown)")
    }

    @Test func unqualifiedEnabledMustBeABoolean() {
        for value in [#""false""#, "0", "[]"] {
            #expect(
                summary(Line.settings(["unqualified_enabled": value]))
                    == "invalid_value unqualified_enabled: unqualified_enabled must be a boolean")
        }
    }

    @Test(arguments: [#"["site", "web_chat"]"#, #""site""#, "[1]", #"["SITE"]"#, "{}", #"["site", null]"#])
    func activeSourcesMustBeAnArrayOfWidgetSources(value: String) {
        #expect(
            summary(Line.settings(["active_sources": value]))
                == "invalid_value active_sources: active_sources must be an array of site, phone, mail, api, chat")
    }

    @Test func firstFailingFieldInSpecOrderDecides() {
        // A missing event_id beats an invalid occurred_at.
        #expect(
            summary(Line.created(["event_id": nil, "occurred_at": #""yesterday""#])).hasPrefix("missing_field event_id")
        )
        // office is checked before source, lead_id before office.
        #expect(summary(Line.created(["office": #""a/b""#, "source": #""fax""#])).hasPrefix("invalid_value office"))
        #expect(summary(Line.created(["lead_id": nil, "office": #""a/b""#])).hasPrefix("missing_field lead_id"))
        // source before status; timezone before unqualified_enabled.
        #expect(summary(Line.created(["source": #""fax""#, "status": #""won""#])).hasPrefix("invalid_value source"))
        #expect(
            summary(Line.settings(["timezone": #""Mars/Olympus""#, "unqualified_enabled": #""no""#]))
                .hasPrefix("invalid_timezone timezone"))
        // The type decides before anything else.
        #expect(summary(#"{"type": "lead.gone"}"#) == "unknown_type type: unknown event type 'lead.gone'")
    }

    @Test func unknownFieldsAreIgnoredEvenWhenNested() {
        let line = Line.created(["extra": #"{"ignored": [true, {"deep": null}], "n": -1.5e3}"#, "zz": "[]"])
        #expect(decodedEvent(line)?.body == .created(LeadCreated(leadID: "L1", office: "hq", source: .form)))
    }

    @Test func duplicateKeyLastOneWins() {
        let line =
            #"{"type": "lead.deleted", "event_id": "e1", "account": "a", "account": "b", "#
            + #""occurred_at": "2026-11-20T10:00:00Z", "lead_id": null, "lead_id": "L9"}"#
        #expect(decodedEvent(line)?.account == "b")
        #expect(decodedEvent(line)?.leadID == "L9")
    }

    @Test func blankLinesAreBlankAndOneTrailingCarriageReturnIsIgnored() {
        for line in ["", "   ", "\t \r", "\r"] { #expect(summary(line) == "blank") }
        #expect(decodedEvent(Line.created() + "\r")?.leadID == "L1")
    }

    @Test func lineOverOneMebibyteIsTooLargeButExactlyOneMebibyteIsDecoded() {
        let padding = EventDecoder.maxLineBytes - Line.created(["pad": #""""#]).utf8.count
        let exact = Line.created(["pad": "\"" + String(repeating: "x", count: padding) + "\""])
        #expect(exact.utf8.count == 1_048_576)
        #expect(decodedEvent(exact)?.leadID == "L1")
        let over = exact + " "
        #expect(summary(over) == "too_large -: line exceeds 1048576 bytes")
        // Length is checked before anything else: even a blank line that long.
        #expect(summary(String(repeating: " ", count: 1_048_577)) == "too_large -: line exceeds 1048576 bytes")
    }
}
