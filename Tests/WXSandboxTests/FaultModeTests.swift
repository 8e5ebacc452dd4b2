import Foundation
import WXSandbox
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Each platform failure the sandbox can be switched into, behaving as the platform documents it
/// (wechat-api.md; where it is silent, as `SandboxFaults` says).
final class FaultModeTests: SandboxTestCase {
    func submitPublish(_ token: String, _ draft: String) throws -> String {
        let reply = try client.post("/cgi-bin/freepublish/submit", ["access_token": token], value: ["media_id": .string(draft)])
        return try XCTUnwrap(reply.json["publish_id"]?.stringValue, reply.text)
    }

    func publishStatus(_ token: String, _ id: String) throws -> JSONValue {
        try client.post("/cgi-bin/freepublish/get", ["access_token": token], value: ["publish_id": .string(id)]).json
    }

    // MARK: mass/get SEND_FAIL

    func testMassFailEndsTheJobInSendFailWithItsCounts() throws {
        let token = try token()
        try server.faults.apply(["mass_fail": "err(30003)"])
        let reply = try sendAll(token, mediaID: try addDraft(token), tagID: 100, clientMsgID: "fails")
        XCTAssertEqual(reply.errcode, 0, "the job is accepted; it fails later")
        let msgID = try XCTUnwrap(reply.json["msg_id"]?.intValue)
        let sending = try client.post("/cgi-bin/message/mass/get", ["access_token": token], value: ["msg_id": .int(msgID)])
        XCTAssertEqual(sending.json["msg_status"]?.stringValue, "SENDING")
        server.advanceClock(by: 10)
        let done = try client.post("/cgi-bin/message/mass/get", ["access_token": token], value: ["msg_id": .int(msgID)])
        XCTAssertEqual(done.json["msg_status"]?.stringValue, "SEND_FAIL")
        let b = try XCTUnwrap(server.ledger().broadcasts.first)
        // Tag 100 holds every 7th of the 1,000 demo followers: 143.
        XCTAssertEqual([b.total, b.filtered, b.sent, b.error], [143, 143, 0, 143])
        XCTAssertEqual(b.finishStatus, "err(30003)")
    }

    func testFinishedJobsAreListedAsTheEventsThePlatformPushes() throws {
        let token = try token()
        try server.faults.apply(["mass_fail": "err(30003)"])
        let msgID = try XCTUnwrap(try sendAll(token, mediaID: try addDraft(token), tagID: 100).json["msg_id"]?.intValue)
        XCTAssertEqual(try client.get("/__sandbox/events").json["events"]?.arrayValue, [], "nothing has finished yet")
        server.advanceClock(by: 10)
        let events = try client.get("/__sandbox/events").json["events"]?.arrayValue?.compactMap(\.stringValue) ?? []
        XCTAssertEqual(events.count, 1)
        for part in [
            "<Event><![CDATA[MASSSENDJOBFINISH]]></Event>", "<MsgID>\(msgID)</MsgID>", "<Status><![CDATA[err(30003)]]></Status>",
            "<TotalCount>143</TotalCount><FilterCount>143</FilterCount><SentCount>0</SentCount><ErrorCount>143</ErrorCount>",
        ] {
            XCTAssertTrue(events[0].contains(part), "\(part) in \(events[0])")
        }
        try server.faults.apply(["publish_status": 2, "publish_fail_idx": [1]])
        _ = try submitPublish(token, try addDraft(token))
        server.advanceClock(by: 11)
        let publish = try client.get("/__sandbox/events").json["events"]?.arrayValue?.last?.stringValue ?? ""
        XCTAssertTrue(publish.contains("<Event><![CDATA[PUBLISHJOBFINISH]]></Event>"), publish)
        XCTAssertTrue(publish.contains("<publish_status>2</publish_status><fail_idx>1</fail_idx></PublishEventInfo>"), publish)
    }

    func testAHealthyJobReportsSendSuccessAndItsCounts() throws {
        let token = try token()
        _ = try sendAll(token, mediaID: try addDraft(token), tagID: 100)
        server.advanceClock(by: 10)
        let b = try XCTUnwrap(server.ledger().broadcasts.first)
        XCTAssertEqual([b.total, b.filtered, b.sent, b.error], [143, 143, 143, 0])
        XCTAssertEqual(b.finishStatus, "send success")
    }

    // MARK: freepublish/get 2–6

    func testPublishStatusTwoAndFourNameTheFailedArticlesAndThreeNone() throws {
        let token = try token()
        for (status, failIdx, expected) in [(2, [2], [2]), (3, [], []), (4, [], [1, 2])] {
            try server.faults.apply(["publish_status": .int(Int64(status)), "publish_fail_idx": .array(failIdx.map { .int(Int64($0)) })])
            let id = try submitPublish(token, try addDraft(token, titles: ["一", "二"]))
            XCTAssertEqual(try publishStatus(token, id)["publish_status"]?.intValue, 1, "publishing first")
            server.advanceClock(by: 11)
            let answer = try publishStatus(token, id)
            XCTAssertEqual(answer["publish_status"]?.intValue, Int64(status))
            XCTAssertEqual(answer["fail_idx"]?.arrayValue?.compactMap(\.intValue), expected.map(Int64.init), "state \(status)")
            XCTAssertEqual(answer["article_id"]?.stringValue, "", "a failed job has no article")
        }
        XCTAssertEqual(server.ledger().publishes.map(\.publishStatus), [2, 3, 4])
        XCTAssertEqual(server.ledger().publishes.map(\.failIndexes), [[2], [], [1, 2]])
    }

    func testPublishStatusFiveAndSixKeepTheArticleOfTheSuccessfulJob() throws {
        let token = try token()
        for status in [5, 6] {
            try server.faults.apply(["publish_status": .int(Int64(status))])
            let id = try submitPublish(token, try addDraft(token))
            server.advanceClock(by: 11)
            let answer = try publishStatus(token, id)
            XCTAssertEqual(answer["publish_status"]?.intValue, Int64(status))
            XCTAssertEqual(answer["article_id"]?.stringValue?.isEmpty, false)
            XCTAssertEqual(answer["fail_idx"]?.arrayValue, [])
        }
    }

    // MARK: API群发保护

    func testProtectedSendToAllWaitsForTheAdministratorThenGoesOutOnce() throws {
        let token = try token()
        try server.faults.apply(["mass_protection": true])
        let draft = try addDraft(token)
        assertError(try sendAll(token, mediaID: draft, tagID: nil, clientMsgID: "guarded"), 89505)
        XCTAssertEqual(server.ledger().broadcasts.count, 0)
        XCTAssertEqual(server.ledger().confirmations.map(\.state), ["pending"])
        server.advanceClock(by: 120)
        assertError(try sendAll(token, mediaID: draft, tagID: nil, clientMsgID: "guarded"), 89504)
        XCTAssertEqual(try client.post("/__sandbox/confirm", json: #"{"decision":"confirm"}"#).status, 200)
        let ledger = server.ledger()
        XCTAssertEqual(ledger.broadcasts.map(\.clientMsgID), ["guarded"])
        XCTAssertEqual(ledger.confirmations.map(\.state), ["confirmed"])
        server.advanceClock(by: 120)
        let repeatReply = try sendAll(token, mediaID: draft, tagID: nil, clientMsgID: "guarded")
        assertError(repeatReply, 45065)
        XCTAssertEqual(repeatReply.json["msg_id"]?.intValue, ledger.broadcasts[0].msgID)
    }

    func testProtectedSendNobodyConfirmsWithin30MinutesSendsNothingAndKeepsTheDraft() throws {
        let token = try token()
        try server.faults.apply(["mass_protection": true])
        let draft = try addDraft(token)
        assertError(try sendAll(token, mediaID: draft, tagID: nil, clientMsgID: "late"), 89505)
        server.advanceClock(by: 30 * 60)
        XCTAssertEqual(server.ledger().confirmations.map(\.state), ["expired"])
        XCTAssertEqual(server.settleMassConfirmations(confirm: true), [], "too late to confirm")
        XCTAssertEqual(server.ledger().broadcasts.count, 0)
        XCTAssertEqual(try client.post("/cgi-bin/draft/get", ["access_token": token], value: ["media_id": .string(draft)]).errcode, nil)
        assertError(try sendAll(token, mediaID: draft, tagID: nil, clientMsgID: "late"), 89505)
    }

    func testProtectedSendTheAdministratorRejectsSendsNothing() throws {
        let token = try token()
        try server.faults.apply(["mass_protection": true])
        assertError(try sendAll(token, mediaID: try addDraft(token), tagID: nil, clientMsgID: "no"), 89505)
        XCTAssertEqual(try client.post("/__sandbox/confirm", json: #"{"decision":"reject"}"#).status, 200)
        XCTAssertEqual(server.ledger().confirmations.map(\.state), ["rejected"])
        XCTAssertEqual(server.ledger().broadcasts.count, 0)
    }

    func testProtectionDoesNotHoldSendsToATag() throws {
        let token = try token()
        try server.faults.apply(["mass_protection": true])
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), tagID: 100).errcode, 0)
    }

    // MARK: the draft store

    func addDraft(_ token: String, content: String) throws -> SandboxClient.Reply {
        let thumb = try uploadCover(token)
        return try client.post("/cgi-bin/draft/add", ["access_token": token], value: ["articles": [article(thumb: thumb, content: content)]])
    }

    func testRealDraftStoreStripsScriptsAndExternalImages() throws {
        let token = try token()
        try server.faults.apply(["draft_store": "real"])
        let own = server.baseURL.absoluteString + "/mmbiz/abc/0"
        let content = #"<p>正文</p><script>alert(1)</script><img src="https://example.com/x.png"><img src="\#(own)"><img src="http://mmbiz.qpic.cn/mmbiz_png/a/0"><SCRIPT src="t.js"></SCRIPT><p>尾</p>"#
        let id = try XCTUnwrap(try addDraft(token, content: content).json["media_id"]?.stringValue)
        let stored = try client.post("/cgi-bin/draft/get", ["access_token": token], value: ["media_id": .string(id)]).json["news_item"]?.arrayValue?.first?["content"]?.stringValue
        XCTAssertEqual(stored, #"<p>正文</p><img src="\#(own)"><img src="http://mmbiz.qpic.cn/mmbiz_png/a/0"><p>尾</p>"#)
    }

    func testRealDraftStoreRefusesDisallowedTagsWith45166() throws {
        let token = try token()
        try server.faults.apply(["draft_store": "real"])
        assertError(try addDraft(token, content: #"<p>看视频</p><iframe src="https://v.qq.com/x"></iframe>"#), 45166)
        assertError(try addDraft(token, content: "<FORM action=x><input name=q></FORM>"), 45166)
        XCTAssertEqual(try addDraft(token, content: "<p>inputs and forms in text are fine</p>").errcode, nil)
    }

    func testTheDefaultDraftStoreEchoesContentVerbatim() throws {
        let token = try token()
        let content = #"<p>x</p><script>1</script><img src="https://example.com/x.png">"#
        let id = try XCTUnwrap(try addDraft(token, content: content).json["media_id"]?.stringValue)
        let stored = try client.post("/cgi-bin/draft/get", ["access_token": token], value: ["media_id": .string(id)]).json["news_item"]?.arrayValue?.first?["content"]?.stringValue
        XCTAssertEqual(stored, content)
    }

    // MARK: accounts and paths

    func testTokenCallsFromAnAddressNotOnTheWhitelistAre40164NamingIt() throws {
        try server.faults.apply(["ip_not_whitelisted": "203.0.113.7"])
        let ordinary = try client.get("/cgi-bin/token", ["grant_type": "client_credential", "appid": appID, "secret": secret])
        assertError(ordinary, 40164)
        XCTAssertEqual(ordinary.json["errmsg"]?.stringValue?.hasPrefix("invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: "), true)
        let stable = try client.post("/cgi-bin/stable_token", json: #"{"grant_type":"client_credential","appid":"\#(appID)","secret":"\#(secret)"}"#)
        assertError(stable, 40164)
    }

    func testOpeningCommentsOnAnAccountWithoutThemIs88000() throws {
        let token = try token()
        let thumb = try uploadCover(token)
        try server.faults.apply(["no_comment_privilege": true])
        let open = try client.post("/cgi-bin/draft/add", ["access_token": token], value: ["articles": [article(thumb: thumb)]])
        assertError(open, 88000)
        XCTAssertEqual(open.json["errmsg"]?.stringValue?.hasPrefix("without comment privilege"), true)
        var closed = article(thumb: thumb)
        if case .object(var pairs) = closed {
            pairs.removeAll { $0.0 == "need_open_comment" }
            closed = .object(pairs + [("need_open_comment", 0)])
        }
        XCTAssertNotNil(try client.post("/cgi-bin/draft/add", ["access_token": token], value: ["articles": [closed]]).json["media_id"])
    }

    func testARetriedSendWhoseDraftWasConsumedAnswers40007WhenContentIsCheckedFirst() throws {
        let token = try token()
        let draft = try addDraft(token)
        XCTAssertEqual(try sendAll(token, mediaID: draft, clientMsgID: "lost").errcode, 0)
        server.advanceClock(by: 120)
        try server.faults.apply(["sendall_content_first": true])
        assertError(try sendAll(token, mediaID: draft, clientMsgID: "lost"), 40007)
        try server.faults.apply(["sendall_content_first": false])
        assertError(try sendAll(token, mediaID: draft, clientMsgID: "lost"), 45065)
        XCTAssertEqual(server.ledger().broadcasts.count, 1)
    }

    func testErrorBodiesCanComeAsPlainText() throws {
        try server.faults.apply(["text_plain_errors": true])
        let reply = try client.get("/cgi-bin/draft/count", ["access_token": "bogus"])
        XCTAssertEqual(reply.headers["content-type"], "text/plain")
        assertError(reply, 40001)
        let ok = try client.get("/cgi-bin/token", ["grant_type": "client_credential", "appid": appID, "secret": secret])
        XCTAssertEqual(ok.headers["content-type"]?.hasPrefix("application/json"), true, "successes stay JSON")
    }

    func testAPathTheAccountMayNotCallIsHTTP200With48001() throws {
        let token = try token()
        try server.faults.apply(["unauthorized_paths": ["/cgi-bin/freepublish/submit"]])
        let reply = try client.post("/cgi-bin/freepublish/submit", ["access_token": token], value: ["media_id": .string(try addDraft(token))])
        assertError(reply, 48001)
        XCTAssertEqual(server.ledger().publishes.count, 0)
    }

    func testADailyLimitFarBelowTheNominalOneIs45009() throws {
        let token = try token()
        try server.faults.apply(["daily_limits": ["/cgi-bin/media/uploadimg": 2]])
        func upload() throws -> SandboxClient.Reply {
            try client.upload("/cgi-bin/media/uploadimg", ["access_token": token], file: Fixtures.png(size: 300), filename: "a.png")
        }
        XCTAssertNotNil(try upload().json["url"])
        XCTAssertNotNil(try upload().json["url"])
        assertError(try upload(), 45009)
        server.advanceClock(by: 86400)
        let fresh = try self.token()
        XCTAssertNotNil(try client.upload("/cgi-bin/media/uploadimg", ["access_token": fresh], file: Fixtures.png(size: 300), filename: "a.png").json["url"], "a new Beijing day")
    }

    // MARK: transport

    func testTruncatedAnswerCarriesHalfTheJSONAfterTheCallTookEffect() throws {
        let token = try token()
        try server.faults.apply(["truncate_rate": 1])
        let reply = try client.get("/cgi-bin/draft/count", ["access_token": token])
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.text, #"{"total_"#, "the first 8 of the 17 bytes of {\"total_count\":0}")
        XCTAssertThrowsError(try JSONValue.parse(reply.body))
    }

    func testGatewayErrorIsAnHTML502AfterTheCallTookEffect() throws {
        let token = try token()
        let draft = try addDraft(token)
        try server.faults.apply(["http_5xx_rate": 1])
        let reply = try sendAll(token, mediaID: draft, clientMsgID: "behind-gateway")
        XCTAssertEqual(reply.status, 502)
        XCTAssertTrue(reply.text.contains("502 Bad Gateway"))
        XCTAssertEqual(server.ledger().broadcasts.map(\.clientMsgID), ["behind-gateway"])
    }

    func testStalledAnswerStopsMidBodyUntilTheClientGivesUp() throws {
        let token = try token()
        let draft = try addDraft(token)
        try server.faults.apply(["stall_rate": 1])
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 1.5
        client = SandboxClient(base: server.baseURL, configuration: config)
        let start = Date()
        XCTAssertThrowsError(try sendAll(token, mediaID: draft, clientMsgID: "stalled")) { error in
            XCTAssertEqual((error as? URLError)?.code, .timedOut, "\(error)")
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.9, "it waited for the rest of the body")
        XCTAssertEqual(server.ledger().broadcasts.map(\.clientMsgID), ["stalled"])
    }

    // MARK: the hook

    func testFaultsHookReportsSettingsAndRefusesUnknownOnes() throws {
        let set = try client.post("/__sandbox/faults", json: #"{"publish_status":3,"daily_limits":{"/cgi-bin/media/uploadimg":5}}"#)
        XCTAssertEqual(set.json["publish_status"]?.intValue, 3)
        XCTAssertEqual(set.json["daily_limits"]?["/cgi-bin/media/uploadimg"]?.intValue, 5)
        XCTAssertEqual(try client.get("/__sandbox/faults").json["publish_status"]?.intValue, 3)
        let bad = try client.post("/__sandbox/faults", json: #"{"publish_stauts":3}"#)
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(bad.text.contains("unknown fault \\\"publish_stauts\\\""), bad.text)
        XCTAssertEqual(try client.post("/__sandbox/faults", json: #"{"publish_status":7}"#).status, 400)
        XCTAssertEqual(try client.post("/__sandbox/faults", json: #"{"reset":true}"#).json["publish_status"]?.intValue, 0)
        XCTAssertEqual(server.faults, SandboxFaults())
    }
}
