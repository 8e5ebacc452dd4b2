import Foundation
import WXSupport
import XCTest

@testable import WXRender

final class BuildWriterTests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    func build() throws -> (outcomes: [PostBuildOutcome], ok: Bool, out: URL) {
        let out = site.root.appendingPathComponent("build")
        let posts = [
            site.post("正文 [链接](https://example.com)\n\n![红](img/red.png)", path: "content/posts/2024-01-01-good.md", title: "好文章"),
            site.post("只有文字", path: "content/posts/bad.md", title: "没有封面"),
        ]
        var good = posts[0]
        good.slug = "good"
        var bad = posts[1]
        bad.slug = "bad"
        var outcomes: [PostBuildOutcome] = []
        let ok = try ArticleCompiler(site: site.config()).build([good, bad], into: BuildWriter(outputDirectory: out, siteRoot: site.root)) {
            outcomes.append($0)
        }
        return (outcomes, ok, out)
    }

    func testBuildWritesArticleJSONAndPreviewAndSkipsPostsWithErrors() throws {
        let (outcomes, ok, out) = try build()
        XCTAssertFalse(ok)
        XCTAssertEqual(outcomes.map(\.built), [true, false])
        XCTAssertEqual(outcomes[0].written.map(\.lastPathComponent), ["article.json", "index.html"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("good/article.json").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("bad").path))
    }

    func testRebuildingAnUnchangedSiteRewritesNothing() throws {
        _ = try build()
        let json = site.root.appendingPathComponent("build/good/article.json")
        let before = try FileManager.default.attributesOfItem(atPath: json.path)[.modificationDate] as? Date
        let (outcomes, _, _) = try build()
        XCTAssertEqual(outcomes[0].written, [])
        let after = try FileManager.default.attributesOfItem(atPath: json.path)[.modificationDate] as? Date
        XCTAssertEqual(before, after)
    }

    func testArticleJSONHasWeChatFieldsSortedKeysAndLiteralChinese() throws {
        _ = try build()
        let text = try String(contentsOf: site.root.appendingPathComponent("build/good/article.json"), encoding: .utf8)
        XCTAssertTrue(text.contains("\"title\" : \"好文章\""), text)
        XCTAssertFalse(text.contains("\\u"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            ["title", "author", "digest", "content", "content_source_url", "need_open_comment", "only_fans_can_comment", "cover", "images", "references"])
        XCTAssertEqual(object["need_open_comment"] as? Int, 0)
        let images = try XCTUnwrap(object["images"] as? [[String: Any]])
        XCTAssertEqual(images.first?["path"] as? String, "content/posts/img/red.png")
        XCTAssertEqual((images.first?["sha256"] as? String)?.count, 64)
        XCTAssertEqual(images.first?["bytes"] as? Int, 77)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { String($0.dropFirst(3).prefix { $0 != "\"" }) }
        XCTAssertEqual(keys, keys.sorted())
    }

    func testArticleRoundTripsThroughJSON() throws {
        _ = try build()
        let data = try Data(contentsOf: site.root.appendingPathComponent("build/good/article.json"))
        let article = try JSONDecoder().decode(Article.self, from: data)
        XCTAssertEqual(BuildWriter.articleJSON(article), data)
    }

    func testAPreviewBuiltOutsideTheSiteReachesItsImagesThroughTheFoldersCommonParent() throws {
        let out = site.root.deletingLastPathComponent().appendingPathComponent(site.root.lastPathComponent + "-out")
        defer { try? FileManager.default.removeItem(at: out) }
        var post = site.post("![红](img/red.png)", path: "content/posts/2024-01-01-good.md", title: "好文章")
        post.slug = "good"
        _ = try ArticleCompiler(site: site.config()).build([post], into: BuildWriter(outputDirectory: out, siteRoot: site.root)) { _ in }
        let page = try String(contentsOf: out.appendingPathComponent("good/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("src=\"../../\(site.root.lastPathComponent)/content/posts/img/red.png\""), page)
    }

    func testOnlyNamesJoinedBySingleSlashesArePlainRelativePaths() {
        for path in ["a", "a/b.png", "图片/封面 1.jpg", ".hidden/x", "a/...", "a..b/c"] {
            XCTAssertTrue(BuildWriter.isPlainRelative(path), path)
        }
        for path in ["", "/a", "a/", "a//b", ".", "..", "./a", "a/./b", "a/../b", "a/.."] {
            XCTAssertFalse(BuildWriter.isPlainRelative(path), path)
        }
    }

    func testPreviewShowsLocalImagesThroughRelativePaths() throws {
        _ = try build()
        let page = try String(contentsOf: site.root.appendingPathComponent("build/good/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("src=\"../../content/posts/img/red.png\""), page)
        XCTAssertTrue(page.contains("max-width: 375px"))
    }
}

final class DuplicateSlugTests: XCTestCase {
    func testASecondPostWithTheSameSlugIsAnError() throws {
        let site = try TestSite()
        defer { site.remove() }
        let first = site.post("![](img/red.png)", path: "content/posts/a.md")
        let second = site.post("![](img/red.png)", path: "content/posts/b.md")
        var outcomes: [PostBuildOutcome] = []
        let ok = try ArticleCompiler(site: site.config()).build(
            [first, second], into: BuildWriter(outputDirectory: site.root.appendingPathComponent("build"), siteRoot: site.root)
        ) { outcomes.append($0) }
        XCTAssertFalse(ok)
        XCTAssertEqual(outcomes.map(\.built), [true, false])
        XCTAssertEqual(outcomes[1].diagnostics.map(\.rule), ["build/slug"])
    }
}

/// The output folder is made before the posts' folders, marked for the allocator where it can be.
final class OutputFolderTests: XCTestCase {
    func testTheFolderIsMadeAndMarkedWhereTheFileSystemTakesTheMark() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("build/site")
        OutputFolder.prepare(out)
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        // On ext4 the mark is set; where flags are not supported (tmpfs, overlay…) there is none to read.
        if let marked = OutputFolder.isMarked(out.path), OutputFolder.markAsTopOfHierarchy(parent.path) {
            XCTAssertTrue(marked)
        }
    }

    func testAFolderThatWasAlreadyThereIsNotMarked() throws {
        let existing = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: existing) }
        let before = OutputFolder.isMarked(existing.path)
        OutputFolder.prepare(existing)
        XCTAssertEqual(OutputFolder.isMarked(existing.path), before)
    }

    func testAFolderThatCannotBeMadeIsLeftToTheWrites() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-out-\(UUID().uuidString)")
        try Data("in the way".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        OutputFolder.prepare(file.appendingPathComponent("out"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.appendingPathComponent("out").path))
    }
}

final class PreviewPathTests: XCTestCase {
    func testPreviewTextIsSafeInAQuotedAttribute() {
        XCTAssertEqual(PreviewPage.escape(#"a "quoted" <slug> & more"#), "a &quot;quoted&quot; &lt;slug&gt; &amp; more")
    }

    func testPathsArePercentEncodedAsFoundationEncodesThemForAPath() {
        for path in ["../../content/posts/img/red.png", "../图片/封面 1.jpg", "a%20b#c?d=e&f", "😀/x;y@z~!$'()*+,", "tab\there", "\"<>\\^`{|}"] {
            XCTAssertEqual(BuildWriter.percentEncodedPath(path), path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed), path)
        }
    }

    func testAnImageIsReachedFromThePostsFolderThroughItsCommonParent() {
        XCTAssertEqual(BuildWriter.relativePath(from: BuildWriter.standardized("/site/build/post"),
                                                to: BuildWriter.standardized("content/./posts/../images/a b.png", in: BuildWriter.standardized("/site"))),
                       "../../content/images/a%20b.png")
    }
}
