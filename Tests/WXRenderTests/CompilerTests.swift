import Foundation
import WXContent
import WXHTML
import WXSupport
import XCTest

@testable import WXRender

final class CompilerTests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    func compile(_ post: Post, config: SiteConfig? = nil) throws -> CompileResult {
        try ArticleCompiler(site: config ?? site.config()).compile(post)
    }

    static let everything = """
        # 标题

        正文 *斜* **粗** `code` [外链](https://example.com) [站内](https://mp.weixin.qq.com/s/x)

        > 引用
        > > 嵌套

        - 一
          1. 二

        ```js
        let a = 1
        ```

        ![图](img/red.png)

        ---

        <div class="x" id="y" onclick="z()"><script>bad()</script><style>p{}</style><p>raw</p></div>
        """

    func testContentHasNoClassIdStyleScriptOrExternalLinks() throws {
        let content = try XCTUnwrap(try compile(site.post(Self.everything)).article?.content)
        for forbidden in [" class=", " id=", "<style", "<script", "href=\"https://example.com"] {
            XCTAssertFalse(content.contains(forbidden), "content contains \(forbidden)")
        }
        XCTAssertTrue(content.contains("<a href=\"https://mp.weixin.qq.com/s/x\""))
    }

    func testAnElementWithoutStyleIsOneTheThemeLeavesAsTheBrowserShowsIt() throws {
        // Issue 10: compact output writes no declaration an element would have anyway
        // (inherited, or the browser's default: `em` italic, `strong` bold), so with the default
        // theme only these elements may have no `style`.
        let markdown = Self.everything.replacingOccurrences(of: #"<div class="x" id="y" onclick="z()"><script>bad()</script><style>p{}</style><p>raw</p></div>"#, with: "")
        let content = try XCTUnwrap(try compile(site.post(markdown)).article?.content)
        var unstyled: Set<String> = []
        func walk(_ nodes: [HTMLNode]) {
            for case .element(let element) in nodes {
                if element[attribute: "style"] == nil { unstyled.insert(element.tag) }
                walk(element.children)
            }
        }
        walk(HTMLParser.parseFragment(content, file: "content").nodes)
        XCTAssertTrue(unstyled.isSubset(of: ["em", "strong", "sup", "section", "code", "br", "del"]), "\(unstyled)")
    }

    func testDefaultThemeAvoidsWhatWeChatFlags() throws {
        let content = try XCTUnwrap(try compile(site.post(Self.everything)).article?.content)
        for flagged in ["font-family", "!important", "text-align: start", "text-align: end", "<pre"] {
            XCTAssertFalse(content.contains(flagged), "content contains \(flagged)")
        }
    }

    func testReferencesSectionListsNumberedURLsWithTheConfiguredTitle() throws {
        var config = site.config()
        config.referencesTitle = "延伸阅读"
        let post = site.post("[甲](https://a.example/1) [乙](https://b.example/2) [甲again](https://a.example/1)\n\n![](img/red.png)")
        let article = try XCTUnwrap(try compile(post, config: config).article)
        XCTAssertEqual(article.references.map(\.url), ["https://a.example/1", "https://b.example/2"])
        XCTAssertTrue(article.content.contains("延伸阅读"))
        XCTAssertTrue(article.content.contains("[1] 甲: https://a.example/1"))
        XCTAssertTrue(article.content.contains("[2] 乙: https://b.example/2"))
    }

    func testNoReferencesSectionWithoutExternalLinks() throws {
        let article = try XCTUnwrap(try compile(site.post("![](img/red.png)")).article)
        XCTAssertFalse(article.content.contains("参考资料"))
    }

    func testArticleFieldsComeFromThePostAndConfig() throws {
        let post = site.post(
            "![](img/red.png)", title: "标题", digest: "摘要", sourceURL: "https://example.com/original", comments: .fans)
        let article = try XCTUnwrap(try compile(post, config: site.config(author: "默认作者")).article)
        XCTAssertEqual(article.title, "标题")
        XCTAssertEqual(article.author, "默认作者")
        XCTAssertEqual(article.digest, "摘要")
        XCTAssertEqual(article.contentSourceURL, "https://example.com/original")
        XCTAssertTrue(article.needOpenComment)
        XCTAssertTrue(article.onlyFansCanComment)
    }

    func testDefaultDigestIsTheFirst54CharactersOfText() throws {
        let text = String(repeating: "一二三四五六七八九十", count: 8)
        let article = try XCTUnwrap(try compile(site.post("# 题\n\n\(text)\n\n![](img/red.png)")).article)
        XCTAssertEqual(article.digest, "题 " + String(text.prefix(52)))
        XCTAssertEqual(article.digest.count, 54)
    }

    func testExplicitCoverWins() throws {
        let article = try XCTUnwrap(try compile(site.post("![](img/red.png)", cover: "/images/cover.bmp")).article)
        XCTAssertEqual(article.cover.path, "images/cover.bmp")
        XCTAssertEqual(article.cover.format, .bmp)
        XCTAssertEqual(article.images.map(\.source), ["content/posts/img/red.png"])
    }

    func testFirstBodyImageIsTheCoverWhenNoneIsGiven() throws {
        let article = try XCTUnwrap(try compile(site.post("文\n\n![](img/red.png)\n\n![](/images/green.jpg)")).article)
        XCTAssertEqual(article.cover.source, "content/posts/img/red.png")
    }

    func testSiteDefaultCoverIsTheLastResort() throws {
        let article = try XCTUnwrap(try compile(site.post("只有文字"), config: site.config(defaultCover: "images/green.jpg")).article)
        XCTAssertEqual(article.cover.path, "images/green.jpg")
    }

    func testNoCoverAtAllIsAnErrorAtThePostHeader() throws {
        let result = try compile(site.post("只有文字"))
        XCTAssertNil(result.article)
        XCTAssertEqual(result.diagnostics.map(\.rule), ["limit/cover"])
        XCTAssertEqual(result.diagnostics.first?.location.description, "content/posts/post.md:1:1")
    }

    func testMissingCoverFileIsAnErrorAtTheCoverField() throws {
        let result = try compile(site.post("![](img/red.png)", cover: "nope.png"))
        XCTAssertNil(result.article)
        XCTAssertEqual(result.diagnostics.first?.location.description, "content/posts/post.md:3:8")
    }

    func testOversizedCoverIsAnError() throws {
        try site.write(TestSite.image(.png, size: 10 * 1_048_576 + 1), to: "images/huge.png")
        let result = try compile(site.post("文字", cover: "/images/huge.png"))
        XCTAssertEqual(result.diagnostics.map(\.rule), ["limit/cover"])
    }

    func testBodyImageAtExactly1MBIsRejectedAndOneByteLessAccepted() throws {
        try site.write(TestSite.image(.png, size: 1_048_575), to: "content/posts/ok.png")
        try site.write(TestSite.image(.jpeg, size: 1_048_576), to: "content/posts/big.jpg")
        XCTAssertNotNil(try compile(site.post("![](ok.png)")).article)
        let result = try compile(site.post("![](big.jpg)"))
        XCTAssertEqual(result.diagnostics.map(\.rule), ["limit/image"])
        XCTAssertEqual(result.diagnostics.first?.location.description, "content/posts/post.md:5:1")
    }

    func testTitleOverTheLimitBlocksTheArticle() throws {
        let result = try compile(site.post("![](img/red.png)", title: String(repeating: "长", count: 33)))
        XCTAssertNil(result.article)
        XCTAssertNotNil(result.content)
        XCTAssertEqual(result.diagnostics.first?.location.description, "content/posts/post.md:2:8")
    }

    func testWarningsDoNotBlockTheArticle() throws {
        let result = try compile(site.post("<p onclick=\"x()\">文</p>\n\n![](img/red.png)"))
        XCTAssertEqual(result.diagnostics.map(\.severity), [.warning])
        XCTAssertNotNil(result.article)
    }

    func testSiteThemeOverridesTheBuiltInFileByFile() throws {
        try site.write(Data("p { color: #123456; }\n".utf8), to: "templates/theme.css")
        try site.write(Data("<section><p>页脚 {{account}}</p></section>\n".utf8), to: "templates/partials/footer.html")
        let content = try XCTUnwrap(try compile(site.post("正文\n\n![](img/red.png)")).article?.content)
        XCTAssertTrue(content.contains("<p style=\"color:#123456\">正文</p>"), content)
        XCTAssertTrue(content.contains("页脚 测试号"))
    }

    func testBrokenThemeIsAnErrorNamingTheFileAndLine() throws {
        try site.write(Data("p { color: red; }\n@media print { p { color: blue; } }\n".utf8), to: "templates/theme.css")
        XCTAssertThrowsError(try ArticleCompiler(site: site.config())) { error in
            let diagnostics = (error as? DiagnosticError)?.diagnostics ?? []
            XCTAssertEqual(diagnostics.first?.location.file, "templates/theme.css")
            XCTAssertEqual(diagnostics.first?.location.line, 2)
        }
    }

    func testTemplateWithoutBodyIsAnError() throws {
        try site.write(Data("<section>{{title}}</section>\n".utf8), to: "templates/article.html")
        let result = try compile(site.post("![](img/red.png)"))
        XCTAssertEqual(result.diagnostics.map(\.rule), ["theme/template"])
    }

    func testSiteWithoutTemplatesUsesTheBuiltInTheme() throws {
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("templates").path))
        let theme = try Theme.load(site: site.config())
        XCTAssertEqual(theme.sources["theme.css"], "(built-in)/theme.css")
    }
}

/// Code must keep every space and line on phones and scroll sideways, without `<pre>`.
final class CodeBlockOnPhoneTests: XCTestCase {
    func testStyledCodeBlockScrollsAndKeepsWhitespaceWithoutPre() throws {
        let site = try TestSite()
        defer { site.remove() }
        let markdown = "```python\ndef f():\n\treturn  1\n```\n\n![](img/red.png)"
        let content = try XCTUnwrap(try ArticleCompiler(site: site.config()).compile(site.post(markdown)).article?.content)
        XCTAssertFalse(content.contains("<pre"))
        let nodes = HTMLParser.parseFragment(content, file: "content").nodes
        var code: HTMLElement?
        var scroller: HTMLElement?
        func walk(_ nodes: [HTMLNode], parent: HTMLElement?) {
            for case .element(let element) in nodes {
                if element.tag == "code", code == nil { code = element; scroller = parent }
                walk(element.children, parent: element)
            }
        }
        walk(nodes, parent: nil)
        let style = try XCTUnwrap(scroller?[attribute: "style"])
        XCTAssertTrue(style.contains("overflow-x:auto"), style)
        XCTAssertTrue(style.contains("white-space:pre"), style)
        let children = try XCTUnwrap(code?.children)
        XCTAssertEqual(children.filter { if case .element(let e) = $0 { return e.tag == "br" } else { return false } }.count, 1)
        let text = children.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
        // Issue 10: a space is plain only where HTML keeps it (never leading, doubled or trailing).
        XCTAssertFalse(text.hasPrefix(" ") || text.contains("  ") || text.contains("\t") || text.contains("\n"), "collapsible whitespace left: \(text.debugDescription)")
        // Highlighting wraps tokens in spans; the code text itself keeps every space and break.
        let unspanned = content.replacingOccurrences(of: #"</?span[^>]*>"#, with: "", options: .regularExpression)
        XCTAssertTrue(unspanned.contains("def f():<br>&nbsp; &nbsp; return &nbsp;1"), content)
        XCTAssertTrue(content.contains(">python</section>"))
    }
}

final class PublishRewriteTests: XCTestCase {
    func testUploadedURLsReplaceEveryImageSourceInCompiledContent() throws {
        let site = try TestSite()
        defer { site.remove() }
        let markdown = "![](img/red.png)\n\n文 ![](/images/green.jpg) 与 ![](https://example.com/x.png)\n\n<p><img src=\"img/red.png\"></p>"
        let article = try XCTUnwrap(try ArticleCompiler(site: site.config()).compile(site.post(markdown)).article)
        XCTAssertEqual(article.images.map(\.source), ["content/posts/img/red.png", "images/green.jpg", "https://example.com/x.png"])
        let uploaded = Dictionary(uniqueKeysWithValues: article.images.enumerated().map { ($1.source, "http://mmbiz.qpic.cn/mmbiz_png/\($0)/0") })
        let rewritten = article.content(replacingImageSources: uploaded)
        for image in article.images { XCTAssertFalse(rewritten.contains("src=\"\(image.source)\""), image.source) }
        XCTAssertEqual(rewritten.components(separatedBy: "src=\"http://mmbiz.qpic.cn/").count - 1, 4)
    }
}

final class TemplateDataTests: XCTestCase {
    func testFrontMatterIsAvailableAsPage() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write(Data("<section>{{page.category}}|{{#page.tags}}{{.}},{{/page.tags}}{{{body}}}</section>\n".utf8), to: "templates/article.html")
        var post = site.post("![](img/red.png)")
        post.frontMatter = [
            "category": YAMLNode(.string("微信"), line: 2, column: 11),
            "tags": YAMLNode(.sequence([YAMLNode(.string("a"), line: 3, column: 9), YAMLNode(.int(2), line: 3, column: 12)]), line: 3, column: 7),
        ]
        let content = try XCTUnwrap(try ArticleCompiler(site: site.config()).compile(post).article?.content)
        XCTAssertTrue(content.hasPrefix("<section>微信|a,2,<figure"), content)
    }

    func testDocumentKeepsPostLocationsOfBodyElements() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try ArticleCompiler(site: site.config()).compile(site.post("段落\n\n<p style=\"color: red\">原始</p>\n\n![](img/red.png)", bodyStartLine: 6))
        var locations: [String: String] = [:]
        func walk(_ nodes: [HTMLNode]) {
            for case .element(let e) in nodes {
                if e.tag == "p", let text = e.children.first, case .text(let t) = text { locations[t] = e.location?.description }
                walk(e.children)
            }
        }
        walk(try XCTUnwrap(result.document))
        XCTAssertEqual(locations["段落"], "content/posts/post.md:6:1")
        XCTAssertEqual(locations["原始"], "content/posts/post.md:8:1")
    }
}
