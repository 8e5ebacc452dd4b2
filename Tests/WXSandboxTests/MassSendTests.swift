import Foundation
import WXSandbox
import XCTest

private func beijing(_ text: String) -> Date { SandboxTime.parseISO8601(text + "+08:00")! }

/// 订阅号: one successful sendall per Beijing calendar day; clientmsgid rules; mass get/delete/preview.
final class SubscriptionMassSendTests: SandboxTestCase {
    /// These tests move the clock by days; a long token lifetime keeps them about quotas.
    override func configuration() -> SandboxConfiguration {
        var c = super.configuration()
        c.tokenTTL = 90 * 86400
        return c
    }

    func testOneSendPerBeijingDayResetsAtMidnightBeijingTime() throws {
        server.setClock(beijing("2026-03-10T23:59:58"))
        let token = try token()
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token)).errcode, 0)
        server.setClock(beijing("2026-03-10T23:59:59"))
        assertError(try sendAll(token, mediaID: try addDraft(token)), 45028)
        server.setClock(beijing("2026-03-11T00:00:00"))
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token)).errcode, 0)
        XCTAssertEqual(server.ledger().broadcasts.count, 2)
    }

    func testTheDayIsBeijingsNotUTCs() throws {
        // 2026-03-10T16:30Z is 00:30 on the 11th in Beijing: a new day there, the same day in UTC.
        server.setClock(SandboxTime.parseISO8601("2026-03-10T15:59:00Z")!)
        let token = try token()
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token)).errcode, 0)
        server.setClock(SandboxTime.parseISO8601("2026-03-10T16:30:00Z")!)
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token)).errcode, 0)
    }

    func testAFailedSendDoesNotUseTheQuota() throws {
        let token = try token()
        assertError(try sendAll(token, mediaID: "no-such-draft"), 40007)
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token)).errcode, 0)
    }

    func testSendingConsumesTheDraft() throws {
        let token = try token()
        let draft = try addDraft(token)
        XCTAssertEqual(try sendAll(token, mediaID: draft, clientMsgID: "a").errcode, 0)
        assertError(try client.post("/cgi-bin/draft/get", ["access_token": token], value: ["media_id": .string(draft)]), 40007)
        server.advanceClock(by: 86400)
        assertError(try sendAll(token, mediaID: draft, clientMsgID: "b"), 40007)
    }

    func testClientMsgIDRepeatWithinAMinuteIs45066ThenWithin24Hours45065WithTheOriginalMsgID() throws {
        let token = try token()
        let first = try sendAll(token, mediaID: try addDraft(token), clientMsgID: "post-2026-03-10")
        let msgID = try XCTUnwrap(first.json["msg_id"]?.intValue)
        server.advanceClock(by: 59)
        assertError(try sendAll(token, mediaID: "whatever", clientMsgID: "post-2026-03-10"), 45066)
        server.advanceClock(by: 60)
        let repeatReply = try sendAll(token, mediaID: "whatever", clientMsgID: "post-2026-03-10")
        assertError(repeatReply, 45065)
        XCTAssertEqual(repeatReply.json["msg_id"]?.intValue, msgID)
        XCTAssertEqual(server.ledger().broadcasts.count, 1)
    }

    func testClientMsgIDIsForgottenAfter24Hours() throws {
        server.setClock(beijing("2026-03-10T08:00:00"))
        let token = try token()
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), clientMsgID: "k").errcode, 0)
        server.setClock(beijing("2026-03-11T07:59:59"))
        assertError(try sendAll(token, mediaID: try addDraft(token), clientMsgID: "k"), 45065)
        server.setClock(beijing("2026-03-11T08:00:00"))
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), clientMsgID: "k").errcode, 0)
    }

    func testClientMsgIDIsAtMost64Bytes() throws {
        let token = try token()
        assertError(try sendAll(token, mediaID: try addDraft(token), clientMsgID: String(repeating: "x", count: 65)), 45067)
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), clientMsgID: String(repeating: "x", count: 64)).errcode, 0)
    }

    func testUnknownTagIs45159AndLegacyGroupIDIsReadAsTagID() throws {
        let token = try token()
        let draft = try addDraft(token)
        assertError(try sendAll(token, mediaID: draft, tagID: 999), 45159)
        let legacy = try client.post(
            "/cgi-bin/message/mass/sendall", ["access_token": token],
            value: ["filter": ["group_id": 2, "is_to_all": false], "mpnews": ["media_id": .string(draft)], "msgtype": "mpnews"])
        XCTAssertEqual(legacy.errcode, 0, legacy.text)
        let b = try XCTUnwrap(server.ledger().broadcasts.first)
        XCTAssertEqual(b.filter?.tagID, 2)
        XCTAssertEqual(b.total, server.audience().tags.first { $0.id == 2 }!.members.count)
    }

    func testToAllReachesEveryFollower() throws {
        let token = try token()
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), tagID: nil).errcode, 0)
        let b = try XCTUnwrap(server.ledger().broadcasts.first)
        XCTAssertEqual(b.filter?.isToAll, true)
        XCTAssertEqual(b.total, 1000)
        XCTAssertEqual(b.sent, 1000)
    }

    func testSendByOpenIDListIsForServiceAccountsOnly() throws {
        let token = try token()
        let ids = Array(server.audience().followers.prefix(2)).map { JSONValue.string($0) }
        let reply = try client.post("/cgi-bin/message/mass/send", ["access_token": token],
            value: ["touser": .array(ids), "mpnews": ["media_id": .string(try addDraft(token))], "msgtype": "mpnews"])
        assertError(reply, 48001)
    }

    func testPreviewKeepsTheDraftAndUsesNoQuota() throws {
        let token = try token()
        let draft = try addDraft(token)
        let openID = server.audience().followers[0]
        let preview = try client.post("/cgi-bin/message/mass/preview", ["access_token": token],
            value: ["touser": .string(openID), "mpnews": ["media_id": .string(draft)], "msgtype": "mpnews"])
        XCTAssertEqual(preview.json["errmsg"]?.stringValue, "preview success")
        XCTAssertNotNil(preview.json["msg_id"]?.intValue)
        let byName = try client.post("/cgi-bin/message/mass/preview", ["access_token": token],
            value: ["towxname": "editor-wx", "mpnews": ["media_id": .string(draft)], "msgtype": "mpnews"])
        XCTAssertEqual(byName.errcode, 0)
        assertError(try client.post("/cgi-bin/message/mass/preview", ["access_token": token],
            value: ["touser": "o-not-a-follower", "mpnews": ["media_id": .string(draft)], "msgtype": "mpnews"]), 40003)
        XCTAssertEqual(try sendAll(token, mediaID: draft).errcode, 0)
        let ledger = server.ledger()
        XCTAssertEqual(ledger.previews.map(\.towxname), [nil, "editor-wx"])
        XCTAssertEqual(ledger.previews.first?.touser, openID)
    }

    func testDeleteNeedsAFinishedArticleSendAndAValidIndex() throws {
        let token = try token()
        let msgID = try XCTUnwrap(try sendAll(token, mediaID: try addDraft(token, titles: ["一", "二"])).json["msg_id"])
        assertError(try client.post("/cgi-bin/message/mass/delete", ["access_token": token], value: ["msg_id": msgID]), 40059)
        server.advanceClock(by: 5)
        assertError(try client.post("/cgi-bin/message/mass/delete", ["access_token": token], value: ["msg_id": msgID, "article_idx": 3]), 40060)
        XCTAssertEqual(try client.post("/cgi-bin/message/mass/delete", ["access_token": token], value: ["msg_id": msgID, "article_idx": 0]).json, ["errcode": 0, "errmsg": "ok"])
        XCTAssertEqual(try client.post("/cgi-bin/message/mass/get", ["access_token": token], value: ["msg_id": msgID]).json["msg_status"]?.stringValue, "DELETE")
        assertError(try client.post("/cgi-bin/message/mass/get", ["access_token": token], value: ["msg_id": 42]), 40059)
    }

    func testDailyCallLimitsFromTheTableAnswer45009UntilTheNextBeijingDay() throws {
        server.setClock(beijing("2026-03-10T12:00:00"))
        let token = try token()
        for _ in 0..<10 { assertError(try client.post("/cgi-bin/message/mass/delete", ["access_token": token], value: ["msg_id": 1]), 40059) }
        assertError(try client.post("/cgi-bin/message/mass/delete", ["access_token": token], value: ["msg_id": 1]), 45009)
        let quota = try client.post("/cgi-bin/openapi/quota/get", ["access_token": token], value: ["cgi_path": "/cgi-bin/message/mass/delete"])
        XCTAssertEqual(quota.json["quota"], ["daily_limit": 10, "used": 10, "remain": 0])
        server.setClock(beijing("2026-03-11T00:00:00"))
        assertError(try client.post("/cgi-bin/message/mass/delete", ["access_token": try self.token()], value: ["msg_id": 1]), 40059)
    }
}

/// 服务号: four `is_to_all` sends per Beijing calendar month, four receipts per follower per month.
final class ServiceMassSendTests: SandboxTestCase {
    override func configuration() -> SandboxConfiguration {
        var c = super.configuration()
        c.accountType = .service
        c.tokenTTL = 90 * 86400
        return c
    }

    func testFourToAllSendsPerBeijingMonthResettingAtTheMonthEnd() throws {
        server.setClock(beijing("2026-03-31T20:00:00"))
        let token = try token()
        for i in 0..<4 {
            XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), tagID: nil, clientMsgID: "m\(i)").errcode, 0)
        }
        server.setClock(beijing("2026-03-31T23:59:59"))
        assertError(try sendAll(token, mediaID: try addDraft(token), tagID: nil), 45028)
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), tagID: 100).errcode, 0, "tag sends are not limited per month")
        server.setClock(beijing("2026-04-01T00:00:00"))
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), tagID: nil).errcode, 0)
    }

    func testAFollowerReceivesAtMostFourPerMonthTheRestAreFilteredAndCounted() throws {
        server.setClock(beijing("2026-02-27T09:00:00"))
        let token = try token()
        for _ in 0..<4 { XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), tagID: 102).errcode, 0) }
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), tagID: 100).errcode, 0)
        let b = server.ledger().broadcasts
        let tag102 = Set(server.audience().tags.first { $0.id == 102 }!.members)
        let tag100 = server.audience().tags.first { $0.id == 100 }!.members
        XCTAssertEqual(b.map(\.sent).prefix(4), [20, 20, 20, 20])
        XCTAssertEqual(b[4].total, tag100.count)
        XCTAssertEqual(b[4].filtered, tag100.filter { !tag102.contains($0) }.count)
        XCTAssertEqual(b[4].sent, b[4].filtered)
        server.setClock(beijing("2026-03-01T00:00:00"))
        XCTAssertEqual(try sendAll(token, mediaID: try addDraft(token), tagID: 102).errcode, 0)
        XCTAssertEqual(server.ledger().broadcasts.last?.sent, 20)
    }

    func testSendByOpenIDListNeedsTwoToTenThousandFollowers() throws {
        let token = try token()
        let draft = try addDraft(token)
        let followers = server.audience().followers
        func send(_ ids: [String]) throws -> SandboxClient.Reply {
            try client.post("/cgi-bin/message/mass/send", ["access_token": token],
                value: ["touser": .array(ids.map { .string($0) }), "mpnews": ["media_id": .string(draft)], "msgtype": "mpnews", "clientmsgid": "list"])
        }
        assertError(try send([followers[0]]), 40130)
        assertError(try send([followers[0], "o-unknown"]), 40003)
        let ok = try send(Array(followers.prefix(3)))
        XCTAssertEqual(ok.errcode, 0, ok.text)
        XCTAssertEqual(server.ledger().broadcasts.first?.touser, Array(followers.prefix(3)))
        XCTAssertEqual(server.ledger().broadcasts.first?.endpoint, "send")
    }
}

extension ServiceMassSendTests {
    func testMassSendIsLimitedTo60CallsPerMinute() throws {
        server.setClock(beijing("2026-03-10T10:00:00"))
        let token = try token()
        for _ in 0..<60 { assertError(try sendAll(token, mediaID: "none", tagID: 100), 40007) }
        assertError(try sendAll(token, mediaID: "none", tagID: 100), 45011)
        server.advanceClock(by: 60)
        assertError(try sendAll(token, mediaID: "none", tagID: 100), 40007)
    }
}
