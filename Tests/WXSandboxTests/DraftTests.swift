import Foundation
import WXSandbox
import XCTest

/// draft/* and freepublish/* shapes, and the article field limits at their boundaries.
final class DraftTests: SandboxTestCase {
    var accessToken = ""
    var thumb = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        accessToken = try token()
        thumb = try uploadCover(accessToken)
    }

    func add(_ fields: [(String, JSONValue)]) throws -> SandboxClient.Reply {
        var a = article(thumb: thumb)
        if case .object(var pairs) = a {
            for (k, v) in fields {
                pairs.removeAll { $0.0 == k }
                if v != .null { pairs.append((k, v)) }
            }
            a = .object(pairs)
        }
        return try client.post("/cgi-bin/draft/add", ["access_token": accessToken], value: ["articles": [a]])
    }

    func text(_ count: Int, _ unit: String = "字") -> JSONValue { .string(String(repeating: unit, count: count)) }

    func testAddAnswersOnlyAMediaID() throws {
        let reply = try add([])
        XCTAssertNotNil(reply.json["media_id"]?.stringValue)
        XCTAssertNil(reply.json["errcode"])
    }

    func testTitleAuthorAndDigestLimitsInCharacters() throws {
        XCTAssertNil(try add([("title", text(32))]).errcode)
        assertError(try add([("title", text(33))]), 45003)
        XCTAssertNil(try add([("author", text(16))]).errcode)
        assertError(try add([("author", text(17))]), 45110)
        XCTAssertNil(try add([("digest", text(128))]).errcode)
        assertError(try add([("digest", text(129))]), 45004)
    }

    func testContentMustBeUnderTwentyThousandCharactersAndOneMegabyte() throws {
        XCTAssertNil(try add([("content", text(19_999))]).errcode)
        assertError(try add([("content", text(20_000))]), 45002)
        assertError(try add([("content", .null)]), 44004)
    }

    func testSourceURLIsAtMostOneKilobyteOfPublicHTTP() throws {
        let base = "https://example.com/"
        XCTAssertNil(try add([("content_source_url", .string(base + String(repeating: "a", count: 1024 - base.count)))]).errcode)
        assertError(try add([("content_source_url", .string(base + String(repeating: "a", count: 1025 - base.count)))]), 45005)
        assertError(try add([("content_source_url", "http://localhost:8080/post")]), 41039)
        assertError(try add([("content_source_url", "ftp://example.com/post")]), 41039)
    }

    func testCoverMustBeAPermanentImageMaterial() throws {
        let temp = try client.upload("/cgi-bin/media/upload", ["access_token": accessToken, "type": "image"], file: Fixtures.png(size: 100), filename: "t.png")
        assertError(try add([("thumb_media_id", temp.json["media_id"]!)]), 40007)
        assertError(try add([("thumb_media_id", "no-such-id")]), 40007)
        assertError(try add([("thumb_media_id", .null)]), 40007)
    }

    func testADraftHoldsOneToEightArticles() throws {
        let one = article(thumb: thumb)
        assertError(try client.post("/cgi-bin/draft/add", ["access_token": accessToken], value: ["articles": .array(Array(repeating: one, count: 9))]), 45008)
        XCTAssertNil(try client.post("/cgi-bin/draft/add", ["access_token": accessToken], value: ["articles": .array(Array(repeating: one, count: 8))]).errcode)
        assertError(try client.post("/cgi-bin/draft/add", ["access_token": accessToken], value: ["articles": []]), 44003)
    }

    func testBodiesMustBeLiteralUTF8JSON() throws {
        assertError(try client.post("/cgi-bin/draft/add", ["access_token": accessToken], json: #"{"articles":[{"title":"\u6d4b\u8bd5"}]}"#), 40033)
        assertError(try client.post("/cgi-bin/draft/add", ["access_token": accessToken], json: "{not json"), 47001)
        assertError(try client.post("/cgi-bin/draft/add", ["access_token": accessToken], json: ""), 44002)
    }

    func testGetReturnsTheArticlesWithAURLAndADefaultDigest() throws {
        let content = "<p>" + String(repeating: "一二三四五六七八九十", count: 10) + "</p>"
        let id = try add([("content", .string(content)), ("digest", .null)]).json["media_id"]!
        let got = try client.post("/cgi-bin/draft/get", ["access_token": accessToken], value: ["media_id": id])
        let item = try XCTUnwrap(got.json["news_item"]?.arrayValue?.first)
        XCTAssertEqual(item["title"]?.stringValue, "测试文章")
        XCTAssertEqual(item["digest"]?.stringValue, String(repeating: "一二三四五六七八九十", count: 6).prefix(54).description)
        XCTAssertEqual(item["thumb_media_id"]?.stringValue, thumb)
        XCTAssertNotNil(item["url"]?.stringValue)
        assertError(try client.post("/cgi-bin/draft/get", ["access_token": accessToken], value: ["media_id": "nope"]), 40007)
    }

    func testUpdateReplacesOneArticleByIndex() throws {
        let id = try add([]).json["media_id"]!
        let ok = try client.post("/cgi-bin/draft/update", ["access_token": accessToken], value: ["media_id": id, "index": 0, "articles": article(title: "新标题", thumb: thumb)])
        XCTAssertEqual(ok.json, ["errcode": 0, "errmsg": "ok"])
        let got = try client.post("/cgi-bin/draft/get", ["access_token": accessToken], value: ["media_id": id])
        XCTAssertEqual(got.json["news_item"]?.arrayValue?.first?["title"]?.stringValue, "新标题")
        assertError(try client.post("/cgi-bin/draft/update", ["access_token": accessToken], value: ["media_id": id, "index": 1, "articles": article(thumb: thumb)]), 40114)
        assertError(try client.post("/cgi-bin/draft/update", ["access_token": accessToken], value: ["media_id": id, "index": 0, "articles": ["title": "只有标题"]]), 40007)
    }

    func testCountBatchgetAndDelete() throws {
        let first = try add([("title", "一")]).json["media_id"]!
        server.advanceClock(by: 5)
        let second = try add([("title", "二")]).json["media_id"]!
        XCTAssertEqual(try client.get("/cgi-bin/draft/count", ["access_token": accessToken]).json, ["total_count": 2])
        let page = try client.post("/cgi-bin/draft/batchget", ["access_token": accessToken], value: ["offset": 0, "count": 1, "no_content": 1])
        XCTAssertEqual(page.json["total_count"]?.intValue, 2)
        XCTAssertEqual(page.json["item_count"]?.intValue, 1)
        let item = try XCTUnwrap(page.json["item"]?.arrayValue?.first)
        XCTAssertEqual(item["media_id"], second)
        XCTAssertNil(item["content"]?["news_item"]?.arrayValue?.first?["content"])
        XCTAssertNotNil(item["update_time"]?.intValue)
        XCTAssertEqual(try client.post("/cgi-bin/draft/delete", ["access_token": accessToken], value: ["media_id": first]).json, ["errcode": 0, "errmsg": "ok"])
        assertError(try client.post("/cgi-bin/draft/delete", ["access_token": accessToken], value: ["media_id": first]), 40007)
        XCTAssertEqual(try client.get("/cgi-bin/draft/count", ["access_token": accessToken]).json, ["total_count": 1])
    }

    func testPublishConsumesTheDraftAndFinishesOnTheSandboxClock() throws {
        let id = try add([]).json["media_id"]!
        let submit = try client.post("/cgi-bin/freepublish/submit", ["access_token": accessToken], value: ["media_id": id])
        XCTAssertEqual(submit.errcode, 0, submit.text)
        let publishID = try XCTUnwrap(submit.json["publish_id"]?.stringValue)
        assertError(try client.post("/cgi-bin/draft/get", ["access_token": accessToken], value: ["media_id": id]), 40007)
        let running = try client.post("/cgi-bin/freepublish/get", ["access_token": accessToken], value: ["publish_id": .string(publishID)])
        XCTAssertEqual(running.json["publish_status"]?.intValue, 1)
        XCTAssertEqual(try client.post("/cgi-bin/freepublish/batchget", ["access_token": accessToken], value: ["offset": 0, "count": 10]).json["total_count"]?.intValue, 0)
        server.advanceClock(by: 10)
        let done = try client.post("/cgi-bin/freepublish/get", ["access_token": accessToken], value: ["publish_id": .string(publishID)])
        XCTAssertEqual(done.json["publish_status"]?.intValue, 0)
        let articleID = try XCTUnwrap(done.json["article_id"]?.stringValue)
        XCTAssertEqual(done.json["article_detail"]?["count"]?.intValue, 1)
        let list = try client.post("/cgi-bin/freepublish/batchget", ["access_token": accessToken], value: ["offset": 0, "count": 10, "no_content": 0])
        XCTAssertEqual(list.json["item"]?.arrayValue?.first?["article_id"]?.stringValue, articleID)
        XCTAssertEqual(list.json["item"]?.arrayValue?.first?["content"]?["news_item"]?.arrayValue?.first?["is_deleted"], false)
        assertError(try client.post("/cgi-bin/freepublish/get", ["access_token": accessToken], value: ["publish_id": "123"]), 53502)
        assertError(try client.post("/cgi-bin/freepublish/submit", ["access_token": accessToken], value: ["media_id": id]), 40007)
        let ledger = server.ledger()
        XCTAssertEqual(ledger.publishes.map(\.publishID), [publishID])
        XCTAssertEqual(ledger.drafts.first?.status, "published")
    }
}
