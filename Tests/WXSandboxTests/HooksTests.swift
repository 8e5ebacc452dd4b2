import Foundation
import WXSandbox
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `/__sandbox/` test hooks and the same controls as Swift methods.
final class HooksTests: SandboxTestCase {
    func testClockHookSetsAndAdvancesTheSandboxClock() throws {
        let set = try client.post("/__sandbox/clock", json: #"{"now":"2026-03-31T23:59:59+08:00"}"#)
        XCTAssertEqual(set.json["now"]?.stringValue, "2026-03-31T15:59:59Z")
        let advanced = try client.post("/__sandbox/clock", json: #"{"advance_seconds":1}"#)
        XCTAssertEqual(advanced.json["now"]?.stringValue, "2026-03-31T16:00:00Z")
        XCTAssertEqual(server.now(), SandboxTime.parseISO8601("2026-04-01T00:00:00+08:00"))
        XCTAssertEqual(try client.post("/__sandbox/clock", json: #"{"now":"yesterday"}"#).status, 400)
    }

    func testFailRateOneAnswersSystemErrorAndChangesNothing() throws {
        let token = try token()
        let thumb = try uploadCover(token)
        XCTAssertEqual(try client.post("/__sandbox/faults", json: #"{"fail_rate":1}"#).status, 200)
        let reply = try client.post("/cgi-bin/draft/add", ["access_token": token], value: ["articles": [article(thumb: thumb)]])
        assertError(reply, -1)
        XCTAssertEqual(reply.json["errmsg"]?.stringValue?.hasPrefix("system error rid: "), true)
        server.faults = SandboxFaults()
        XCTAssertEqual(try client.get("/cgi-bin/draft/count", ["access_token": token]).json["total_count"]?.intValue, 0)
    }

    func testDropRateOneClosesTheConnectionAfterTheCallTookEffect() throws {
        let token = try token()
        let draft = try addDraft(token)
        server.faults = SandboxFaults(dropRate: 1)
        // A fresh session: on a reused keep-alive connection libcurl notices the reset only at
        // its request timeout (the server resets at once; see HTTPServerTests).
        client = SandboxClient(base: server.baseURL)
        let start = Date()
        XCTAssertThrowsError(try sendAll(token, mediaID: draft, clientMsgID: "dropped"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        server.faults = SandboxFaults()
        XCTAssertEqual(server.ledger().broadcasts.map(\.clientMsgID), ["dropped"])
        server.advanceClock(by: 60)
        let retry = try sendAll(token, mediaID: draft, clientMsgID: "dropped")
        assertError(retry, 45065)
        XCTAssertEqual(retry.json["msg_id"]?.intValue, server.ledger().broadcasts[0].msgID)
    }

    func testLatencySlowsAnswers() throws {
        server.faults = SandboxFaults(latencyMilliseconds: 300)
        let start = Date()
        _ = try client.get("/cgi-bin/draft/count")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.3)
    }

    func testLedgerOverHTTPUsesSnakeCaseFieldNames() throws {
        let token = try token()
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), clientMsgID: "c1").errcode, 0)
        let ledger = try client.get("/__sandbox/ledger").json
        XCTAssertEqual(ledger["now"]?.stringValue, "2026-03-10T02:00:00Z")
        XCTAssertEqual(ledger["calls"]?["/cgi-bin/message/mass/sendall"]?.intValue, 1)
        let b = try XCTUnwrap(ledger["broadcasts"]?.arrayValue?.first)
        for key in ["msg_id", "clientmsgid", "filter", "media_id", "titles", "sent_at", "total", "filtered", "sent"] {
            XCTAssertNotNil(b[key], key)
        }
        XCTAssertEqual(b["filter"]?["tag_id"]?.intValue, 100)
        let material = try XCTUnwrap(ledger["materials"]?.arrayValue?.first)
        XCTAssertEqual(material["sha256"]?.stringValue, SHA256Hex.of(Fixtures.jpeg(size: 2048)))
        XCTAssertEqual(ledger["drafts"]?.arrayValue?.first?["status"]?.stringValue, "sent")
    }

    func testRegisteredRoutesAreServed() throws {
        server.register(path: "/article-bin/verify_article_structure") { request in
            .json(["isValid": true, "echo": .int(Int64(request.body.count))])
        }
        let reply = try client.post("/article-bin/verify_article_structure", json: #"{"content":"<p>x</p>"}"#)
        XCTAssertEqual(reply.json["isValid"], true)
        XCTAssertEqual(reply.json["echo"]?.intValue, 22)
    }
}

/// State under `dataDirectory` survives a restart; an `audience.json` there replaces the demo audience.
final class PersistenceTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wxsandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    func configuration() -> SandboxConfiguration {
        SandboxConfiguration(appID: "wxpersist", secret: "s3cret", dataDirectory: directory, now: SandboxTime.parseISO8601("2026-05-01T09:00:00+08:00"), clockFollowsRealTime: false)
    }

    func testDraftsTokensAndImagesSurviveARestart() throws {
        let first = try SandboxServer(configuration: configuration())
        try first.start()
        let client = SandboxClient(base: first.baseURL)
        let token = try XCTUnwrap(try client.get("/cgi-bin/token", ["grant_type": "client_credential", "appid": "wxpersist", "secret": "s3cret"]).json["access_token"]?.stringValue)
        let cover = try client.upload("/cgi-bin/material/add_material", ["access_token": token, "type": "image"], file: Fixtures.jpeg(size: 999), filename: "c.jpg")
        let thumb = try XCTUnwrap(cover.json["media_id"])
        let draft = try client.post("/cgi-bin/draft/add", ["access_token": token],
            value: ["articles": [["title": "持久", "content": "<p>x</p>", "thumb_media_id": thumb]]])
        XCTAssertNotNil(draft.json["media_id"])
        first.stop()
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("state.json").path))

        let second = try SandboxServer(configuration: configuration())
        try second.start()
        defer { second.stop() }
        let again = SandboxClient(base: second.baseURL)
        XCTAssertEqual(try again.get("/cgi-bin/draft/count", ["access_token": token]).json, ["total_count": 1])
        let bytes = try again.post("/cgi-bin/material/get_material", ["access_token": token], value: ["media_id": thumb])
        XCTAssertEqual(bytes.body, Fixtures.jpeg(size: 999))
        XCTAssertEqual(second.ledger().calls["/cgi-bin/draft/add"], 1)
    }

    func testAudienceJSONReplacesTheDemoAudience() throws {
        let audience = #"{"followers":["oAAA","oBBB","oCCC"],"tags":[{"id":120,"name":"作者","members":["oBBB"]}]}"#
        try Data(audience.utf8).write(to: directory.appendingPathComponent("audience.json"))
        let server = try SandboxServer(configuration: configuration())
        XCTAssertEqual(server.audience().followers, ["oAAA", "oBBB", "oCCC"])
        XCTAssertEqual(server.audience().tags.map(\.name), ["星标组", "作者"])
        XCTAssertEqual(server.audience().tags.last?.members, ["oBBB"])
    }

    func testAnAudienceNamingAStrangerIsRefusedWithTheFileName() throws {
        try Data(#"{"followers":["oAAA"],"tags":[{"id":120,"name":"x","members":["oZZZ"]}]}"#.utf8).write(to: directory.appendingPathComponent("audience.json"))
        XCTAssertThrowsError(try SandboxServer(configuration: configuration())) { error in
            XCTAssertTrue("\(error)".contains("audience.json"), "\(error)")
            XCTAssertTrue("\(error)".contains("oZZZ"), "\(error)")
        }
    }
}

extension HooksTests {
    func testLedgerSummaryNamesEachBroadcastWithItsAudienceAndReach() throws {
        let token = try token()
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token, titles: ["春天", "夏天"]), tagID: 100).errcode, 0)
        let lines = server.ledger().summaryLines
        XCTAssertEqual(lines.first, "sandbox subscription account \(appID): 1000 followers, 1 upload(s), 1 draft(s)")
        XCTAssertTrue(lines[1].hasPrefix("broadcast msg_id "), lines[1])
        XCTAssertTrue(lines[1].hasSuffix(" to tag 100: 春天 | 夏天 — 143 of 143 followers, SENDING"), lines[1])
    }
}
