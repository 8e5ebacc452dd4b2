import WXSupport
import XCTest

@testable import WXRender

final class ImageTests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    func testImageAloneInAParagraphBecomesAFigureWithCaption() {
        let (html, body) = renderBody(site.post("![红色](img/red.png)"), site: site.config())
        XCTAssertEqual(
            html,
            "<figure><img class=\"image\" src=\"content/posts/img/red.png\" alt=\"红色\"><figcaption>红色</figcaption></figure>")
        XCTAssertEqual(body.diagnostics, [])
    }

    func testLocalImageIsRecordedWithHashSizeAndPixels() throws {
        let (_, body) = renderBody(site.post("![](img/red.png)"), site: site.config())
        let data = try Data(contentsOf: site.root.appendingPathComponent("content/posts/img/red.png"))
        XCTAssertEqual(
            body.images.images,
            [
                ArticleImage(
                    source: "content/posts/img/red.png", path: "content/posts/img/red.png", sha256: SHA256.hex(data),
                    bytes: data.count, format: .png, width: 4, height: 3,
                    location: SourceLocation(file: "content/posts/post.md", line: 5, column: 1))
            ])
    }

    func testPathsFallBackToTheSiteRoot() {
        let (html, body) = renderBody(site.post("文 ![绿](images/green.jpg \"标题\")"), site: site.config())
        XCTAssertEqual(html, "<p>文 <img class=\"image-inline\" src=\"images/green.jpg\" alt=\"绿\"></p>")
        XCTAssertEqual(body.images.images.first?.format, .jpeg)
        XCTAssertEqual(body.images.images.first?.width, 5)
    }

    func testLeadingSlashMeansTheSiteRoot() {
        let (_, body) = renderBody(site.post("![](/images/green.jpg)"), site: site.config())
        XCTAssertEqual(body.images.images.map(\.source), ["images/green.jpg"])
    }

    func testTitleIsTheCaptionWhenGiven() {
        let (html, _) = renderBody(site.post("![替代](img/red.png \"图一\")"), site: site.config())
        XCTAssertTrue(html.hasSuffix("<figcaption>图一</figcaption></figure>"), html)
    }

    func testMissingImageIsAnErrorAtItsLineAndColumn() {
        let (html, body) = renderBody(site.post("第一段\n\n中文 ![图](nope.png)", bodyStartLine: 8), site: site.config())
        XCTAssertEqual(html, "<p>第一段</p><p>中文 </p>")
        XCTAssertEqual(body.diagnostics.map(\.severity), [.error])
        XCTAssertEqual(body.diagnostics.first?.location.description, "content/posts/post.md:10:4")
        XCTAssertEqual(
            body.diagnostics.first?.message,
            "image not found: nope.png (looked for content/posts/nope.png and nope.png)")
    }

    func testPathsMayNotLeaveTheSiteRoot() {
        let (_, body) = renderBody(site.post("![](../../../secret.png)"), site: site.config())
        XCTAssertEqual(body.diagnostics.first?.message, "image path ../../../secret.png leads outside the site root")
    }

    func testRemoteImagesAreRecordedForPublish() {
        let (html, body) = renderBody(site.post("![](https://example.com/a.png)"), site: site.config())
        XCTAssertEqual(html, "<figure><img class=\"image\" src=\"https://example.com/a.png\" alt=\"\"></figure>")
        XCTAssertEqual(body.images.images.map(\.isRemote), [true])
        XCTAssertEqual(body.images.images.first?.url, "https://example.com/a.png")
    }

    func testTheSameImageTwiceIsRecordedOnce() {
        let (_, body) = renderBody(site.post("![](img/red.png)\n\n![](/content/posts/img/red.png)"), site: site.config())
        XCTAssertEqual(body.images.images.count, 1)
    }

    func testAFileThatIsNotAnImageIsAnError() throws {
        try site.write(Data("hello".utf8), to: "content/posts/fake.png")
        let (_, body) = renderBody(site.post("![](fake.png)"), site: site.config())
        XCTAssertEqual(body.diagnostics.first?.severity, .error)
        XCTAssertTrue(body.diagnostics.first?.message.contains("not an image") == true)
    }

    func testRawHTMLImagesAreResolvedToo() {
        let (html, body) = renderBody(site.post("<p><img src=\"img/red.png\" onerror=\"x()\"></p>"), site: site.config())
        XCTAssertEqual(html, "<p><img class=\"image\" src=\"content/posts/img/red.png\"></p>")
        XCTAssertEqual(body.images.images.count, 1)
    }

    func testReplacingImageSourcesRewritesOnlyImgTags() {
        let article = Article(
            title: "t", author: "", digest: "", content: "<p>src=\"a.png\"</p><img class=\"x\" src=\"a.png\" alt=\"\"><img src=\"b&amp;c.png\">",
            contentSourceURL: "", needOpenComment: false, onlyFansCanComment: false,
            cover: ArticleImage(source: "a.png", location: SourceLocation(file: "f", line: 1, column: 1)), images: [], references: [])
        XCTAssertEqual(
            article.content(replacingImageSources: ["a.png": "http://mmbiz.qpic.cn/1/0", "b&c.png": "http://mmbiz.qpic.cn/2/0?a=1&b=2"]),
            "<p>src=\"a.png\"</p><img class=\"x\" src=\"http://mmbiz.qpic.cn/1/0\" alt=\"\"><img src=\"http://mmbiz.qpic.cn/2/0?a=1&amp;b=2\">")
    }
}
