import Foundation
import WXSandbox
import XCTest

/// `POST /article-bin/verify_article_structure`: the online check's documented shape
/// (`verify_api_usage.md`), answered from the same rules as `wxpub check`, without a token.
final class StructureEndpointTests: SandboxTestCase {
    func testAnInvisibleElementIsReportedUnderHeightWithItsOuterHTML() throws {
        let reply = try client.post(
            "/article-bin/verify_article_structure",
            json: #"{"content":"<html><body><div style='height: 0;'>Invisible Element</div></body></html>"}"#)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.json["isValid"], false)
        let height = reply.json["inValidInfo"]?["height"]
        XCTAssertEqual(height?["violateRules"]?.stringValue, "页面height设置错误，导致有元素不可见")
        XCTAssertEqual(height?["items"]?.arrayValue?.first?["outerHTML"]?.stringValue, #"<div style="height: 0;">Invisible Element</div>"#)
    }

    func testCleanContentIsValidWithAnEmptyInfo() throws {
        let reply = try client.post("/article-bin/verify_article_structure", json: #"{"content":"<p style=\"line-height: 1.75\">正文</p>"}"#)
        XCTAssertEqual(reply.text, #"{"inValidInfo":{},"isValid":true}"#)
    }

    func testABodyWithoutContentIsADataFormatError() throws {
        let reply = try client.post("/article-bin/verify_article_structure", json: #"{"html":"<p>x</p>"}"#)
        XCTAssertEqual(reply.errcode, 47001)
    }
}
