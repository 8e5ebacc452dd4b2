import Foundation
import XCTest

/// `wxpub check` on posts written for Jekyll and Hugo: `-v` says where title, digest and cover
/// came from; leftover template syntax is a warning, an error with `--strict`.
final class FrontMatterSourcesCLITests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws {
        site = try TestSite.empty()
        let result = try WXPub.run(["init", site.root.path])
        XCTAssertEqual(result.status, 0, "\(result)")
        for post in try FileManager.default.contentsOfDirectory(atPath: site.url("content/posts").path) where post.hasSuffix(".md") {
            try FileManager.default.removeItem(at: site.url("content/posts/\(post)"))
        }
    }

    override func tearDown() { site.remove() }

    func testVerboseCheckSaysWhereTitleDigestAndCoverCameFrom() throws {
        try site.write("content/posts/2026-01-01-hugo.md", Data("+++\ntitle = \"来自 Hugo\"\ndigest = \"摘要\"\n+++\n\n正文。\n".utf8))
        try site.write("content/posts/2026-01-02-plain.md", Data("# 科技爱好者周刊（第 1 期）\n\n这里记录每周值得分享的科技内容。\n".utf8))
        let check = try WXPub.run(["check", "-v"], in: site.root)
        XCTAssertEqual(check.status, 0, "\(check)")
        XCTAssertEqual(check.stdout.split(separator: "\n").map(String.init), [
            "content/posts/2026-01-01-hugo.md: title from front matter; digest from front matter; cover from defaults in wxpub.yml",
            "content/posts/2026-01-02-plain.md: title from the opening heading; digest from the first text of the body; cover from defaults in wxpub.yml",
        ])
    }

    func testLiquidAndShortcodesWarnAtTheirPlaceAndFailUnderStrict() throws {
        try site.write("content/posts/jekyll.md", Data("---\ntitle: 迁移来的文章\n---\n\n正文 {% include note.html %}。\n\n{{< figure src=\"a.png\" >}}\n\n`{{ page.title }}` 是代码。\n".utf8))
        let check = try WXPub.run(["check"], in: site.root)
        XCTAssertEqual(check.status, 0, "\(check)")
        XCTAssertTrue(check.stderr.contains("content/posts/jekyll.md:5:4: warning: Jekyll Liquid tag `{% include note.html %}`"), "\(check)")
        XCTAssertTrue(check.stderr.contains("content/posts/jekyll.md:7:1: warning: Hugo shortcode `{{< figure src=\"a.png\" >}}`"), "\(check)")
        XCTAssertFalse(check.stderr.contains("page.title"), "\(check)")
        XCTAssertTrue(check.stderr.contains("0 errors, 2 warnings"), "\(check)")
        let strict = try WXPub.run(["check", "--strict"], in: site.root)
        XCTAssertEqual(strict.status, 1, "\(strict)")
    }

    func testRawBlocksAreUnwrappedInTheBuiltArticle() throws {
        try site.write("content/posts/raw.md", Data("---\ntitle: 原样输出\n---\n\n写法是 {% raw %}{{ page.title }}{% endraw %}。\n".utf8))
        let build = try WXPub.run(["build", "--out", site.url("out").path], in: site.root)
        XCTAssertEqual(build.status, 0, "\(build)")
        XCTAssertTrue(build.stderr.contains("0 warnings"), "\(build)")
        let article = try String(contentsOf: site.url("out/raw/article.json"), encoding: .utf8)
        XCTAssertTrue(article.contains("写法是 {{ page.title }}。"), article)
        XCTAssertFalse(article.contains("raw %}"), article)
    }
}
