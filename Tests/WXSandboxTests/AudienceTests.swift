import Foundation
import WXSandbox
import XCTest

/// Tags, tag members, followers and user info against the demo audience.
final class AudienceTests: SandboxTestCase {
    var accessToken = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        accessToken = try token()
    }

    func post(_ path: String, _ body: JSONValue) throws -> SandboxClient.Reply {
        try client.post(path, ["access_token": accessToken], value: body)
    }

    func testDemoAudienceHasAThousandStableFollowersAndTheReservedStarTag() throws {
        let again = try SandboxServer(configuration: configuration())
        XCTAssertEqual(again.audience().followers, server.audience().followers)
        XCTAssertEqual(Set(server.audience().followers).count, 1000)
        XCTAssertTrue(server.audience().followers.allSatisfy { $0.count == 28 && $0.hasPrefix("o") })
        let tags = try client.get("/cgi-bin/tags/get", ["access_token": accessToken]).json["tags"]?.arrayValue ?? []
        XCTAssertEqual(tags.first, ["id": 2, "name": "星标组", "count": 20])
        XCTAssertTrue(tags.contains { $0["name"]?.stringValue == "听众交流会" && $0["count"]?.intValue == 143 })
    }

    func testCreateUpdateDeleteTags() throws {
        let created = try post("/cgi-bin/tags/create", ["tag": ["name": "广东"]])
        let id = try XCTUnwrap(created.json["tag"]?["id"])
        XCTAssertEqual(created.json["tag"]?["name"]?.stringValue, "广东")
        assertError(try post("/cgi-bin/tags/create", ["tag": ["name": "广东"]]), 45157)
        assertError(try post("/cgi-bin/tags/create", ["tag": ["name": .string(String(repeating: "字", count: 11))]]), 45158)
        XCTAssertNil(try post("/cgi-bin/tags/create", ["tag": ["name": .string(String(repeating: "字", count: 10))]]).json["errcode"])
        XCTAssertEqual(try post("/cgi-bin/tags/update", ["tag": ["id": id, "name": "广东人"]]).json, ["errcode": 0, "errmsg": "ok"])
        assertError(try post("/cgi-bin/tags/update", ["tag": ["id": 2, "name": "x"]]), 45058)
        assertError(try post("/cgi-bin/tags/delete", ["tag": ["id": 1]]), 45058)
        assertError(try post("/cgi-bin/tags/delete", ["tag": ["id": 9999]]), 45159)
        XCTAssertEqual(try post("/cgi-bin/tags/delete", ["tag": ["id": id]]).json, ["errcode": 0, "errmsg": "ok"])
    }

    func testTaggingChecksBatchSizeTagAndFollowers() throws {
        let followers = server.audience().followers
        let two: JSONValue = .array(followers.suffix(2).map { .string($0) })
        XCTAssertEqual(try post("/cgi-bin/tags/members/batchtagging", ["openid_list": two, "tagid": 101]).json, ["errcode": 0, "errmsg": "ok"])
        let members = try post("/cgi-bin/user/tag/get", ["tagid": 101, "next_openid": ""])
        XCTAssertTrue(members.json["data"]?["openid"]?.arrayValue?.contains(.string(followers.last!)) ?? false)
        XCTAssertEqual(try post("/cgi-bin/tags/members/batchuntagging", ["openid_list": two, "tagid": 101]).json, ["errcode": 0, "errmsg": "ok"])
        assertError(try post("/cgi-bin/tags/members/batchtagging", ["openid_list": .array(followers.prefix(51).map { .string($0) }), "tagid": 101]), 40032)
        assertError(try post("/cgi-bin/tags/members/batchtagging", ["openid_list": ["o-stranger"], "tagid": 101]), 40003)
        assertError(try post("/cgi-bin/tags/members/batchtagging", ["openid_list": two, "tagid": 555]), 45159)
    }

    func testAFollowerCarriesAtMostTwentyTags() throws {
        let openID = server.audience().followers[1]  // already in 内测用户 (102)
        var ids: [JSONValue] = []
        for i in 0..<20 { ids.append(try XCTUnwrap(try post("/cgi-bin/tags/create", ["tag": ["name": .string("t\(i)")]]).json["tag"]?["id"])) }
        for id in ids.prefix(19) {
            XCTAssertEqual(try post("/cgi-bin/tags/members/batchtagging", ["openid_list": [.string(openID)], "tagid": id]).errcode, 0)
        }
        assertError(try post("/cgi-bin/tags/members/batchtagging", ["openid_list": [.string(openID)], "tagid": ids[19]]), 45059)
        XCTAssertEqual(try post("/cgi-bin/tags/members/batchtagging", ["openid_list": [.string(openID)], "tagid": 102]).errcode, 0, "re-tagging is not a new tag")
    }

    func testFollowersComeInPagesEndingWithAnEmptyPage() throws {
        let page = try client.get("/cgi-bin/user/get", ["access_token": accessToken])
        XCTAssertEqual(page.json["total"]?.intValue, 1000)
        XCTAssertEqual(page.json["count"]?.intValue, 1000)
        XCTAssertEqual(page.json["next_openid"]?.stringValue, server.audience().followers.last)
        let end = try client.get("/cgi-bin/user/get", ["access_token": accessToken, "next_openid": server.audience().followers.last!])
        XCTAssertEqual(end.json, ["total": 1000, "count": 0, "next_openid": ""])
    }

    func testUserInfoHasThePost2021Shape() throws {
        let openID = server.audience().followers[0]
        let info = try client.get("/cgi-bin/user/info", ["access_token": accessToken, "openid": openID, "lang": "zh_CN"])
        XCTAssertEqual(info.json["subscribe"]?.intValue, 1)
        XCTAssertEqual(info.json["openid"]?.stringValue, openID)
        XCTAssertEqual(info.json["tagid_list"], [2, 100, 102])
        XCTAssertNil(info.json["nickname"])
        assertError(try client.get("/cgi-bin/user/info", ["access_token": accessToken, "openid": "nobody"]), 40003)
    }

    func testQuotaGetReportsTheTableAndRefusesUnknownPaths() throws {
        _ = try client.get("/cgi-bin/user/get", ["access_token": accessToken])
        let quota = try post("/cgi-bin/openapi/quota/get", ["cgi_path": "/cgi-bin/user/get"])
        XCTAssertEqual(quota.json["errcode"]?.intValue, 0)
        XCTAssertEqual(quota.json["quota"], ["daily_limit": 500, "used": 1, "remain": 499])
        assertError(try post("/cgi-bin/openapi/quota/get", ["cgi_path": "/cgi-bin/nothing"]), 76021)
    }
}

final class LargeAudienceTests: SandboxTestCase {
    override func configuration() -> SandboxConfiguration {
        var c = super.configuration()
        c.followerCount = 10_001
        return c
    }

    func testFollowersArePagedTenThousandAtATime() throws {
        let token = try token()
        let first = try client.get("/cgi-bin/user/get", ["access_token": token])
        XCTAssertEqual(first.json["total"]?.intValue, 10_001)
        XCTAssertEqual(first.json["count"]?.intValue, 10_000)
        let next = try XCTUnwrap(first.json["next_openid"]?.stringValue)
        let second = try client.get("/cgi-bin/user/get", ["access_token": token, "next_openid": next])
        XCTAssertEqual(second.json["count"]?.intValue, 1)
        XCTAssertEqual(second.json["data"]?["openid"], [.string(server.audience().followers.last!)])
    }
}
