import Foundation
import WXServe
import WXTestSupport
import XCTest

/// The watcher and the live preview on a temporary site: what counts as a change, recompiling
/// what changed, errors shown and cleared, and waiting pages told of a change.
final class SiteWatcherTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws { root = try ServeSite.make() }
    override func tearDown() { if let root { try? FileManager.default.removeItem(at: root) } }

    func watcher() -> SiteWatcher { SiteWatcher(root: root, contentDirectory: "content", templatesDirectory: "templates") }

    func testNothingChangedIsAnEmptyChange() {
        var w = watcher()
        XCTAssertTrue(w.poll().isEmpty)
    }

    func testAnEditedAddedOrRemovedPostIsAPostChange() throws {
        var w = watcher()
        try ServeSite.write("---\ntitle: 改过了\n---\n\n新正文。\n", to: "content/posts/2026-11-01-due.md", in: root)
        try ServeSite.write("---\ntitle: 新文章\n---\n", to: "content/posts/2026-11-09-new.md", in: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/posts/2026-11-03-draft.md"))
        XCTAssertEqual(w.poll(), SiteWatcher.Changes(posts: ["content/posts/2026-11-01-due.md", "content/posts/2026-11-09-new.md", "content/posts/2026-11-03-draft.md"]))
        XCTAssertTrue(w.poll().isEmpty, "reported once")
    }

    func testConfigAndTemplatesAreSiteWideAndImagesAreAssets() throws {
        var w = watcher()
        try ServeSite.write("h1 { color: #333333; }\n", to: "templates/theme.css", in: root)
        try ServeSite.write("x", to: "content/images/new.png", in: root)
        let config = try String(contentsOf: root.appendingPathComponent("wxpub.yml"), encoding: .utf8)
        try ServeSite.write(config + "# edited\n", to: "wxpub.yml", in: root)
        XCTAssertEqual(w.poll(), SiteWatcher.Changes(siteWide: ["templates/theme.css", "wxpub.yml"], assets: ["content/images/new.png"]))
    }

    func testHiddenFilesAndTheStateFolderAreIgnored() throws {
        var w = watcher()
        try ServeSite.write("swap", to: "content/posts/.2026-11-01-due.md.swp", in: root)
        try ServeSite.write("{}", to: ".wxpub/media.json", in: root)
        XCTAssertTrue(w.poll().isEmpty)
    }
}

final class LiveReloadTests: XCTestCase {
    var root: URL!
    var server: PreviewServer!

    override func setUpWithError() throws {
        root = try ServeSite.make()
        // Not started: the test drives `refresh()` itself, so nothing depends on timing.
        server = PreviewServer(root: root, options: PreviewServer.Options(port: 0, longPollTimeout: 5))
    }

    override func tearDown() {
        server?.stop()
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    func testAnEditedPostIsRecompiledAndTheVersionMovesOn() throws {
        let before = server.currentVersion
        XCTAssertFalse(server.refresh())
        try ServeSite.write("---\ntitle: 改过的标题\n---\n\n新正文。\n", to: "content/posts/2026-11-01-due.md", in: root)
        XCTAssertTrue(server.refresh())
        XCTAssertEqual(server.currentVersion, before + 1)
        let port = try server.start().port!
        let page = try Exchange(port: port, "GET", "/due/").body
        XCTAssertTrue(page.contains("改过的标题"))
        XCTAssertTrue(page.contains("新正文。"))
    }

    func testBreakingTheFrontMatterShowsTheErrorAndFixingItBringsTheArticleBack() throws {
        let port = try server.start().port!
        try ServeSite.write("---\ntitle: 好的\nauthor: [oops\n---\n\n正文。\n", to: "content/posts/2026-11-01-due.md", in: root)
        server.refresh()
        let broken = try Exchange(port: port, "GET", "/due/").body
        XCTAssertTrue(broken.contains("<code>content/posts/2026-11-01-due.md:3:"), broken)
        XCTAssertFalse(broken.contains("js_content"))
        XCTAssertTrue(try Exchange(port: port, "GET", "/").body.contains(#"data-slug="due" data-state="errors""#))
        try ServeSite.write("---\ntitle: 好的\n---\n\n修好了。\n", to: "content/posts/2026-11-01-due.md", in: root)
        server.refresh()
        let fixed = try Exchange(port: port, "GET", "/due/").body
        XCTAssertTrue(fixed.contains("修好了。"))
        XCTAssertFalse(fixed.contains("wxpub-unavailable\""))
    }

    func testABrokenConfigShowsOnEveryPageUntilFixed() throws {
        let port = try server.start().port!
        let good = try String(contentsOf: root.appendingPathComponent("wxpub.yml"), encoding: .utf8)
        try ServeSite.write(good.replacingOccurrences(of: "timezone:", with: "timezon:"), to: "wxpub.yml", in: root)
        server.refresh()
        let page = try Exchange(port: port, "GET", "/")
        XCTAssertEqual(page.status, 500)
        XCTAssertTrue(page.body.contains("<code>wxpub.yml:"), page.body)
        try ServeSite.write(good, to: "wxpub.yml", in: root)
        server.refresh()
        XCTAssertEqual(try Exchange(port: port, "GET", "/").status, 200)
    }

    func testAWaitingPageIsAnsweredAsSoonAsTheSiteChanges() throws {
        let port = try server.start().port!
        let version = server.currentVersion
        let answered = DispatchSemaphore(value: 0)
        let box = ResultBox()
        DispatchQueue.global().async {
            box.value = try? Exchange(port: port, "GET", "/__wxpub/changes?since=\(version)").body
            answered.signal()
        }
        XCTAssertEqual(answered.wait(timeout: .now() + 0.3), .timedOut, "no change yet: the request waits")
        try ServeSite.write("---\ntitle: 又改了\n---\n", to: "content/posts/2026-11-01-due.md", in: root)
        XCTAssertEqual(answered.wait(timeout: .now() + 4), .success, "the watcher noticed and the waiting page was answered")
        XCTAssertEqual(box.value, "{\"version\":\(version + 1)}")
    }

    func testAWaitingPageIsAnsweredWhenTheServerStops() throws {
        let port = try server.start().port!
        let answered = DispatchSemaphore(value: 0)
        let version = server.currentVersion
        DispatchQueue.global().async {
            _ = try? Exchange(port: port, "GET", "/__wxpub/changes?since=\(version)")
            answered.signal()
        }
        usleep(100_000)
        server.stop()
        XCTAssertEqual(answered.wait(timeout: .now() + 4), .success)
    }
}

final class ResultBox: @unchecked Sendable {
    var value: String?
}

final class BuildIndexTests: XCTestCase {
    func testTheBuildIndexListsEveryPostAndLinksTheBuiltPages() throws {
        let root = try ServeSite.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let config = try WXContentLoader.load(root)
        let out = root.appendingPathComponent("build")
        XCTAssertTrue(try BuildIndex.write(config: config, to: out))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains(#"<a href="due/index.html">今天发送</a>"#))
        XCTAssertTrue(html.contains(#"data-slug="broken" data-state="errors""#))
        XCTAssertFalse(html.contains(#"href="broken/index.html""#), "a post with errors is not built, so not linked")
        XCTAssertFalse(html.contains("<script"), "a static page needs no reload script")
        XCTAssertFalse(try BuildIndex.write(config: config, to: out), "unchanged: not rewritten")
    }
}

final class JournalWatchTests: XCTestCase {
    func testAPublishRunWritingTheJournalMovesTheVersionWithoutRecompiling() throws {
        let root = try ServeSite.make()
        defer { try? FileManager.default.removeItem(at: root) }
        var watcher = SiteWatcher(root: root, contentDirectory: "content", templatesDirectory: "templates", stateDirectory: ".wxpub")
        try ServeSite.write(#"{"version": 1, "entries": {}}"#, to: ".wxpub/journal.json", in: root)
        XCTAssertEqual(watcher.poll(), SiteWatcher.Changes(state: [".wxpub/journal.json"]))
        let server = PreviewServer(root: root, options: PreviewServer.Options(port: 0))
        let before = server.currentVersion
        try ServeSite.write(#"{"version": 1, "entries": {} }"#, to: ".wxpub/journal.json", in: root)
        XCTAssertTrue(server.refresh())
        XCTAssertEqual(server.currentVersion, before + 1)
    }
}
