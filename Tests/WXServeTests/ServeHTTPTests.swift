import Foundation
import WXHTTP
import WXServe
import WXTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// `wxpub serve` over HTTP: pages, states, status codes, what it refuses to serve, HEAD and
/// conditional GET, and a slow client beside a normal one.
final class ServeHTTPTests: XCTestCase {
    var root: URL!
    var server: PreviewServer!
    var port = 0

    override func setUpWithError() throws {
        root = try ServeSite.make()
        server = PreviewServer(root: root, options: PreviewServer.Options(port: 0, pollInterval: 0.05, longPollTimeout: 2))
        port = try server.start().port!
    }

    override func tearDown() {
        server?.stop()
        server = nil
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> Exchange { try Exchange(port: port, "GET", path, headers: headers) }

    func state(of slug: String, in html: String) -> String? {
        guard let range = html.range(of: "data-slug=\"\(slug)\" data-state=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    func testTheIndexListsEveryPostWithItsState() throws {
        let index = try get("/")
        XCTAssertEqual(index.status, 200)
        XCTAssertEqual(index.headers["content-type"], "text/html; charset=utf-8")
        let expected = ["due": "due", "over-quota": "deferred", "draft": "draft", "later": "waiting", "broken": "errors", "sent": "sent"]
        for (slug, state) in expected { XCTAssertEqual(self.state(of: slug, in: index.body), state, slug) }
        XCTAssertTrue(index.body.contains("sent, msg_id 1000000042"), "the msg_id comes from the journal")
        XCTAssertTrue(index.body.contains("waiting for publish_at 2099-01-01 08:00"))
        XCTAssertTrue(index.body.contains(#"data-slug="broken" data-state="errors" data-errors="1""#))
        XCTAssertTrue(index.body.contains("quota: 1 broadcast a day (Beijing time); window "), "the quota in one line")
        XCTAssertTrue(index.body.contains("1 used") || index.body.contains("0 used"))
    }

    func testAPostPageShowsTheArticleInAPhoneFrameWithItsSizes() throws {
        let page = try get("/due/")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains(#"<h1 class="wx-title">今天发送</h1>"#))
        XCTAssertTrue(page.body.contains(#"<p class="wx-meta">测试号&nbsp;&nbsp;编辑部&nbsp;&nbsp;2026-11-01</p>"#), page.body)
        XCTAssertTrue(page.body.contains("max-width: 375px"))
        XCTAssertTrue(page.body.contains("正文第一段。"))
        XCTAssertTrue(page.body.contains("/ 20,000 characters · HTML "), "HTML size against the limit")
        XCTAssertTrue(page.body.contains("title 4 / 32 characters"))
        XCTAssertTrue(page.body.contains(#"<script id="wxpub-live">"#))
    }

    func testTheReloadScriptIsInThePageNeverInTheArticle() throws {
        let page = try get("/due/").body
        let article = try XCTUnwrap(page.range(of: #"<div id="js_content">"#)).upperBound
        let articleEnd = try XCTUnwrap(page.range(of: "<script", range: article..<page.endIndex)).lowerBound
        XCTAssertFalse(page[article..<articleEnd].contains("wxpub-live"))
        XCTAssertEqual(page.components(separatedBy: "<script").count, 3, "two scripts: the dark switch's and the reload script")
        XCTAssertTrue(page[articleEnd...].hasPrefix(#"<script id="wx-dark">"#))
    }

    func testAPostWithErrorsShowsThemInPlaceOfTheArticle() throws {
        let page = try get("/broken/")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("<code>content/posts/2026-11-05-broken.md:2:"), page.body)
        XCTAssertTrue(page.body.contains(#"<pre class="wxpub-source">2 | title: [broken</pre>"#), "the line itself, under the message")
        XCTAssertTrue(page.body.contains(#"id="wxpub-unavailable""#))
        XCTAssertFalse(page.body.contains("js_content"))
    }

    func testLocalImagesAreServedFromTheSite() throws {
        let page = try get("/due/").body
        XCTAssertFalse(page.contains("src=\"content/images"), "image sources point at the server")
        let image = try get("/content/images/cover.png")
        XCTAssertEqual(image.status, 200)
        XCTAssertEqual(image.headers["content-type"], "image/png")
    }

    func testTraversalAndPrivatePathsAre404() throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("content/images/passwd.png").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("content/images/journal.png").path, withDestinationPath: root.appendingPathComponent(".wxpub/journal.json").path)
        for path in [
            "/../wxpub.yml", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/content/..%2f..%2fwxpub.yml", "/content/images/%2e%2e/%2e%2e/wxpub.yml",
            "/.wxpub/journal.json", "/.git/config", "/wxpub.yml", "/content/posts/2026-11-01-due.md", "/content/images/passwd.png",
            "/content/images/journal.png", "/content/images/", "/content/%2e%2e/.wxpub/journal.json", "/content/images/cover.png%00.md",
        ] {
            let answer = try get(path)
            XCTAssertEqual(answer.status, 404, path)
            XCTAssertFalse(answer.body.contains("root:x:0") || answer.body.contains("[core]") || answer.body.contains("secret_env") || answer.body.contains("msg_id"), path)
        }
    }

    func testUnknownPathsAre404AndASlugWithoutItsSlashRedirects() throws {
        XCTAssertEqual(try get("/no-such-post/").status, 404)
        XCTAssertEqual(try get("/favicon.ico").status, 404)
        let redirect = try get("/due")
        XCTAssertEqual(redirect.status, 301)
        XCTAssertEqual(redirect.headers["location"], "/due/")
        XCTAssertEqual(try get("/due/index.html").status, 200)
    }

    func testOtherMethodsAre405() throws {
        let answer = try Exchange(port: port, "POST", "/due/", headers: ["Content-Length": "0"])
        XCTAssertEqual(answer.status, 405)
        XCTAssertEqual(answer.headers["allow"], "GET, HEAD")
    }

    func testHEADAnswersTheHeadersOfGETWithoutABody() throws {
        let get = try self.get("/due/")
        let head = try Exchange(port: port, "HEAD", "/due/")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.body, "")
        XCTAssertEqual(head.headers["content-length"], get.headers["content-length"])
        XCTAssertEqual(head.headers["etag"], get.headers["etag"])
    }

    func testConditionalGETAnswers304WhenNothingChanged() throws {
        let page = try get("/due/")
        let etag = try XCTUnwrap(page.headers["etag"])
        let again = try get("/due/", headers: ["If-None-Match": etag])
        XCTAssertEqual(again.status, 304)
        XCTAssertEqual(again.body, "")
        XCTAssertEqual(try get("/due/", headers: ["If-None-Match": "\"other\""]).status, 200)
        let image = try get("/content/images/cover.png")
        XCTAssertEqual(try get("/content/images/cover.png", headers: ["If-None-Match": try XCTUnwrap(image.headers["etag"])]).status, 304)
        XCTAssertEqual(try get("/content/images/cover.png", headers: ["If-Modified-Since": try XCTUnwrap(image.headers["last-modified"])]).status, 304)
        XCTAssertEqual(try get("/content/images/cover.png", headers: ["If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"]).status, 200)
    }

    func testASlowClientDoesNotBlockOthers() throws {
        let slow = try RawSocket(port: port)
        slow.write("GET /due/ HTTP/1.1\r\nHost: 127")
        let waiting = try RawSocket(port: port)
        waiting.write("GET /__wxpub/changes?since=\(server.currentVersion) HTTP/1.1\r\n\r\n")  // a page waiting for a change
        XCTAssertEqual(try get("/").status, 200)
        XCTAssertEqual(try get("/due/").status, 200)
    }

    func testAPortInUseIsAClearError() throws {
        let other = PreviewServer(root: root, options: PreviewServer.Options(port: port))
        XCTAssertThrowsError(try other.start()) { error in
            XCTAssertEqual((error as? HTTPServer.StartError)?.addressInUse, true, "\(error)")
        }
    }
}

/// Sizes are shown when they are the problem: a post over WeChat's HTML limit has an error, no
/// article, and its measured size in red above the error.
final class OversizedPostTests: XCTestCase {
    func testAPostOverTheHTMLLimitShowsItsSizeWithTheError() throws {
        let long = (0..<2_200).map { _ in "长文段落。" }.joined(separator: "\n\n")
        let root = try ServeSite.make(extra: ["content/posts/2026-11-07-long.md": "---\ntitle: 太长的文章\ndigest: 很长\n---\n\n" + long + "\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let server = PreviewServer(root: root, options: PreviewServer.Options(port: 0))
        defer { server.stop() }
        let port = try server.start().port!
        let page = try Exchange(port: port, "GET", "/long/").body
        XCTAssertTrue(page.contains(#"id="wxpub-unavailable""#))
        XCTAssertNotNil(page.range(of: #"<span class="over">HTML [0-9,]+ / 20,000 characters</span>"#, options: .regularExpression), page)
        XCTAssertTrue(page.contains("title 5 / 32 characters · digest 2 / 128 characters"))
    }
}
