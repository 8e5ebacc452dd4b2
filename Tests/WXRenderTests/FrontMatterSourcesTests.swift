import Foundation
import WXContent
import WXSupport
import XCTest

@testable import WXRender

/// Posts from other tools compile: a title from the opening `#` (not repeated, later lines keep
/// their numbers), and the compile result says where title, digest and cover came from.
final class FrontMatterSourcesTests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    func load(_ path: String, _ text: String, config: SiteConfig? = nil) throws -> (Post, CompileResult) {
        try site.write(Data(text.utf8), to: path)
        let config = config ?? site.config(defaultCover: "images/green.jpg")
        let loaded = PostLoader(site: config).load(path: path)
        let post = try XCTUnwrap(loaded.post, "\(loaded.diagnostics)")
        XCTAssertEqual(loaded.diagnostics.filter { $0.severity == .error }, [])
        return (post, try ArticleCompiler(site: config).compile(post))
    }

    func testHeadingTitleLeavesTheBodyAndLaterDiagnosticsKeepTheirLines() throws {
        let (post, result) = try load("content/posts/2026-01-02-plain.md", "# 科技爱好者周刊（第 1 期）\n\n正文。\n\n![](img/missing.png)\n")
        XCTAssertEqual(post.title?.value, "科技爱好者周刊（第 1 期）")
        XCTAssertFalse(post.body.contains("科技爱好者周刊"))
        let missing = try XCTUnwrap(result.diagnostics.first { $0.message.contains("missing.png") })
        XCTAssertEqual(missing.location.line, 5)
        XCTAssertEqual(missing.location.file, "content/posts/2026-01-02-plain.md")
    }

    func testProvenanceOfAPlainFileWithABodyImage() throws {
        let (_, result) = try load("content/posts/plain.md", "# 标题\n\n第一段文字。\n\n![](img/red.png)\n")
        XCTAssertEqual(result.provenance, ArticleProvenance(title: .heading, digest: .firstText, cover: .firstImage))
    }

    func testProvenanceFallsBackToTheDefaultCover() throws {
        let (_, result) = try load("content/posts/plain.md", "# 标题\n\n只有文字。\n")
        XCTAssertEqual(result.provenance, ArticleProvenance(title: .heading, digest: .firstText, cover: .defaults))
    }

    func testProvenanceOfTOMLFrontMatter() throws {
        let (_, result) = try load(
            "content/posts/hugo.md", "+++\ntitle = \"Hugo 文章\"\ndigest = \"摘要\"\ncover = \"img/red.png\"\n+++\n\n正文。\n")
        XCTAssertEqual(result.provenance, ArticleProvenance(title: .frontMatter, digest: .frontMatter, cover: .frontMatter))
        XCTAssertEqual(result.article?.title, "Hugo 文章")
    }

    func testALongHeadingTitleSaysToAddATitleToTheFrontMatter() throws {
        let heading = String(repeating: "长", count: 40)
        let (_, result) = try load("content/posts/long.md", "# \(heading)\n\n正文。\n")
        let error = try XCTUnwrap(result.diagnostics.first { $0.rule == "limit/title" })
        XCTAssertEqual(error.location, SourceLocation(file: "content/posts/long.md", line: 1, column: 3))
        XCTAssertTrue(error.message.contains("40 characters"), error.message)
        XCTAssertTrue(error.fix?.contains("add a `title:`") == true, "\(error)")
        XCTAssertNil(result.article)
    }
}
