import XCTest

@testable import WXRender

final class LinkTests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    func testExternalLinkBecomesTextAndSuperscriptNumber() {
        let (html, body) = renderBody(site.post("见[官网](https://example.com/a)。"), site: site.config())
        XCTAssertEqual(html, "<p>见官网<sup class=\"ref\">[1]</sup>。</p>")
        XCTAssertEqual(body.references, [Reference(number: 1, text: "官网", url: "https://example.com/a")])
    }

    func testSameURLGetsTheSameNumber() {
        let markdown = "[甲](https://a.example) [乙](https://b.example) [再甲](https://a.example)"
        let (html, body) = renderBody(site.post(markdown), site: site.config())
        XCTAssertEqual(
            html, "<p>甲<sup class=\"ref\">[1]</sup> 乙<sup class=\"ref\">[2]</sup> 再甲<sup class=\"ref\">[1]</sup></p>")
        XCTAssertEqual(body.references.map(\.number), [1, 2])
        XCTAssertEqual(body.references.map(\.text), ["甲", "乙"])
    }

    func testWeChatArticleLinksStayLinks() {
        let (html, body) = renderBody(site.post("[旧文](https://mp.weixin.qq.com/s/abc)"), site: site.config())
        XCTAssertEqual(html, "<p><a href=\"https://mp.weixin.qq.com/s/abc\">旧文</a></p>")
        XCTAssertTrue(body.references.isEmpty)
    }

    func testAutolinkIsNumberedWithTheURLAsText() {
        let (html, body) = renderBody(site.post("<https://example.com>"), site: site.config())
        XCTAssertEqual(html, "<p>https://example.com<sup class=\"ref\">[1]</sup></p>")
        XCTAssertEqual(body.references.first?.text, "https://example.com")
    }

    func testRelativeLinkKeepsItsTextWithAWarning() {
        let (html, body) = renderBody(site.post("[上一篇](other.md)"), site: site.config())
        XCTAssertEqual(html, "<p>上一篇</p>")
        XCTAssertEqual(body.diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(body.diagnostics.first?.location.description, "content/posts/post.md:5:1")
    }

    func testRawHTMLAnchorsGetTheSameTreatment() {
        let markdown = "<p>见 <a href=\"https://example.com/a\">官网</a> 与 <a href=\"https://mp.weixin.qq.com/s/x\">旧文</a></p>"
        let (html, body) = renderBody(site.post(markdown), site: site.config())
        XCTAssertEqual(html, "<p>见 官网<sup class=\"ref\">[1]</sup> 与 <a href=\"https://mp.weixin.qq.com/s/x\">旧文</a></p>")
        XCTAssertEqual(body.references.map(\.url), ["https://example.com/a"])
    }

    func testInlineRawAnchorInsideMarkdown() {
        let (html, _) = renderBody(site.post("前 <a href=\"https://x.example\">*斜*</a> 后"), site: site.config())
        XCTAssertEqual(html, "<p>前 <em>斜</em><sup class=\"ref\">[1]</sup> 后</p>")
    }
}
