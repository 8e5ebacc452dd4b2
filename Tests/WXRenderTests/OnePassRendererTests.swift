import Foundation
import WXContent
import WXHTML
import WXHighlight
import WXSupport
import XCTest

@testable import WXRender

/// The one-pass renderer's output for each kind of node (issue 10), with the small theme below
/// (so the expectations do not move with the default theme). Inputs are Markdown, or trees built
/// by hand for the GFM kinds (the GFM pass is separate).
final class OnePassRendererTests: XCTestCase {
    var site: TestSite!

    static let theme = """
        .article { font-size: 16px; color: #333333; line-height: 1.75; }
        p { margin: 0 0 16px; }
        blockquote { margin: 0 0 16px; padding: 8px 12px; color: #555555; }
        blockquote p { margin: 0 0 8px; }
        blockquote blockquote { margin: 8px 0; color: #555555; }
        strong { font-weight: bold; color: #222222; }
        em { font-style: italic; }
        del { text-decoration: line-through; }
        .list { margin: 0 0 16px; padding-left: 8px; }
        .list .list { margin: 4px 0; padding-left: 18px; }
        .list-item { margin: 4px 0; }
        .list-marker { color: #888888; }
        .task-done { color: #576b95; }
        sup { font-size: 12px; line-height: 1.5; }
        .footnote-ref { color: #576b95; }
        .code-block { margin: 0 0 16px; background-color: #f6f8fa; }
        .code-scroll { overflow-x: auto; white-space: pre; }
        .code-body { display: block; }
        .table-scroll { overflow-x: auto; margin: 0 0 16px; }
        table { border-collapse: collapse; margin: 0; }
        th, td { border: 1px solid #dddddd; padding: 6px 8px; }
        th { font-weight: bold; background-color: #f6f8fa; }
        .row-even td { background-color: #fafafa; }
        .footnotes { margin: 32px 0 0; font-size: 13px; color: #666666; }
        .footnotes-title { font-weight: bold; margin: 0 0 8px; }
        .footnote p { margin: 0 0 4px; }
        .footnote-number { color: #576b95; }

        """

    override func setUpWithError() throws {
        site = try TestSite(files: [
            "templates/theme.css": Data(Self.theme.utf8),
            "templates/article.html": Data(#"<section class="article">{{{body}}}</section>"#.utf8),
        ])
    }
    override func tearDown() { site.remove() }

    func body(_ markdown: String) throws -> String {
        try body(of: ArticleCompiler(site: site.config(defaultCover: "images/green.jpg")).compile(site.post(markdown)))
    }

    func body(tree: [MarkdownNode]) throws -> String {
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        return try body(of: compiler.compile(site.post(""), document: MarkdownNode(.document, children: tree)))
    }

    /// The article without its root section.
    func body(of result: CompileResult) throws -> String {
        let content = try XCTUnwrap(result.content, "\(result.diagnostics)")
        let root = #"<section style="font-size:16px;color:#333;line-height:1.75">"#
        XCTAssertTrue(content.hasPrefix(root), content)
        return String(content.dropFirst(root.count).dropLast("</section>".count))
    }

    func testInheritedPropertiesAreWrittenOnceOnTheArticleRoot() throws {
        let html = try body("段落\n\n> 引用\n> > 嵌套")
        XCTAssertEqual(
            html,
            #"<p style="margin:0 0 16px">段落</p><blockquote style="margin:0 0 16px;padding:8px 12px;color:#555"><p style="margin:0 0 8px">引用</p><blockquote style="margin:8px 0;padding:8px 12px"><p style="margin:0 0 8px">嵌套</p></blockquote></blockquote>"#)
    }

    func testListsAreSectionsWithTheMarkerAsTextAndOrderedListsKeepTheirStart() throws {
        let html = try body("3. 三\n4. 四\n   - 嵌套")
        XCTAssertEqual(
            html,
            #"<section style="margin:0 0 16px;padding-left:8px"><section style="margin:4px 0"><span style="color:#888">3. </span>三</section><section style="margin:4px 0"><span style="color:#888">4. </span>四<section style="margin:4px 0;padding-left:18px"><section style="margin:4px 0"><span style="color:#888">◦ </span>嵌套</section></section></section></section>"#)
    }

    func testCodeKeepsEverySpaceWithNonBreakingSpacesOnlyWhereASpaceWouldCollapse() throws {
        let html = try body("```\n  a  b \n\tc d\n```")
        XCTAssertTrue(html.contains("<code style=\"display:block\">&nbsp; a &nbsp;b&nbsp;<br>&nbsp; &nbsp; c d</code>"), html)
    }

    func testWhiteSpaceBetweenTwoInlineElementsGoesInsideTheFirst() throws {
        let html = try body("*甲* **乙** 丙")
        XCTAssertEqual(html, #"<p style="margin:0 0 16px"><em>甲 </em><strong style="color:#222">乙</strong> 丙</p>"#)
    }

    func testATableScrollsSidewaysWithItsHeaderRowAlignmentAndZebraRows() throws {
        func cell(_ text: String) -> MarkdownNode { MarkdownNode(.tableCell, children: [MarkdownNode(.text(text))]) }
        func row(_ header: Bool, _ a: String, _ b: String) -> MarkdownNode { MarkdownNode(.tableRow(header: header), children: [cell(a), cell(b)]) }
        let table = MarkdownNode(.table(alignments: [.none, .right]), line: 1, column: 1, children: [row(true, "名", "数"), row(false, "甲", "1"), row(false, "乙", "2")])
        let html = try body(tree: [table])
        XCTAssertEqual(
            html,
            #"<section style="overflow-x:auto;margin:0 0 16px"><table style="border-collapse:collapse"><tr><th style="border:1px solid #ddd;padding:6px 8px;background:#f6f8fa">名</th><th style="border:1px solid #ddd;padding:6px 8px;background:#f6f8fa;text-align:right">数</th></tr><tr><td style="border:1px solid #ddd;padding:6px 8px">甲</td><td style="border:1px solid #ddd;padding:6px 8px;text-align:right">1</td></tr><tr><td style="border:1px solid #ddd;padding:6px 8px;background:#fafafa">乙</td><td style="border:1px solid #ddd;padding:6px 8px;background:#fafafa;text-align:right">2</td></tr></table></section>"#)
    }

    func testStrikethroughTaskGlyphsAndFootnotesInANotesSectionAfterTheBody() throws {
        let item = MarkdownNode(.item, children: [MarkdownNode(.paragraph, children: [
            MarkdownNode(.taskMarker(checked: true)), MarkdownNode(.text(" 完成")),
        ])])
        let list = MarkdownNode(.list(ordered: false, start: 1, tight: true), children: [item])
        let paragraph = MarkdownNode(.paragraph, children: [
            MarkdownNode(.strikethrough, children: [MarkdownNode(.text("旧"))]), MarkdownNode(.text("新")),
            MarkdownNode(.footnoteReference(label: "a", number: 1)),
        ])
        let note = MarkdownNode(.footnoteDefinition(label: "a", number: 1), children: [MarkdownNode(.paragraph, children: [
            MarkdownNode(.text("注文 ")), MarkdownNode(.strong, children: [MarkdownNode(.text("粗"))]),
        ])])
        let html = try body(tree: [list, paragraph, note])
        XCTAssertEqual(
            html,
            #"<section style="margin:0 0 16px;padding-left:8px"><section style="margin:4px 0"><span style="color:#576b95">☑</span> 完成</section></section>"#
                + #"<p style="margin:0 0 16px"><del>旧</del>新<sup style="font-size:12px;line-height:1.5;color:#576b95">[1]</sup></p>"#
                + #"<section style="margin:32px 0 0;font-size:13px;color:#666"><p style="margin:0 0 8px;font-weight:bold">注释</p>"#
                + #"<section><p style="margin:0 0 4px"><span style="color:#576b95">[1] </span>注文 <strong style="color:#222">粗</strong></p></section></section>"#)
    }

    func testTheDefaultDigestLeavesOutReferenceAndFootnoteMarkers() throws {
        let paragraph = MarkdownNode(.paragraph, children: [
            MarkdownNode(.link(url: "https://example.com", title: ""), children: [MarkdownNode(.text("Formal language"))]),
            MarkdownNode(.footnoteReference(label: "n", number: 1)), MarkdownNode(.text(" 之后的文字")),
        ])
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        let result = compiler.compile(site.post(""), document: MarkdownNode(.document, children: [paragraph]))
        XCTAssertEqual(result.article?.digest, "Formal language 之后的文字")
    }

    func testTooLongContentSaysHowMuchIsTextAndHowMuchToCut() throws {
        let markdown = String(repeating: "一段文字**加粗**。\n\n", count: 1200)
        let result = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg")).compile(site.post(markdown))
        let finding = try XCTUnwrap(result.diagnostics.first { $0.rule == "limit/content" })
        XCTAssertTrue(finding.message.contains("characters of HTML ("), finding.message)
        XCTAssertTrue(finding.message.contains(" of them text, "), finding.message)
        XCTAssertTrue(finding.fix?.hasPrefix("cut about ") == true, finding.fix ?? "")
    }
}

/// The style table refuses, at the theme's line, what WeChat's editor would damage in every article.
final class ThemeRefusalTests: XCTestCase {
    func testPositionAndPureBlackAreRefusedAtTheThemesLine() throws {
        let site = try TestSite(files: ["templates/theme.css": Data(".article { color: #333; }\np { position: relative; }\nh2 { color: #000000; }\n".utf8)])
        defer { site.remove() }
        let found = try ArticleCompiler(site: site.config()).themeDiagnostics
        XCTAssertEqual(found.map { "\($0.location.line) \($0.severity.rawValue) \($0.rule ?? "")" }, ["2 error theme/unsupported", "3 error theme/black"])
    }
}

/// `SiteCompiler` compiles on every core and hands results over in file order, exactly as one
/// thread would.
final class SiteCompilerTests: XCTestCase {
    func testConcurrentCompilingGivesTheSingleThreadedResultsInFileOrder() throws {
        var files: [String: Data] = [:]
        for i in 0..<24 {
            let body = i % 5 == 0 ? "[坏链接](local.md)\n\n" : "第 \(i) 篇 [链接](https://example.com/\(i))\n\n- 项\n"
            files[String(format: "content/posts/2026-01-%02d-post.md", i + 1)] = Data("---\ntitle: 文章 \(i)\n---\n\n\(body)\n![](../../images/green.jpg)\n".utf8)
        }
        let site = try TestSite(files: files)
        defer { site.remove() }
        let config = site.config(defaultCover: "images/green.jpg")
        func run(workers: Int) throws -> [String] {
            var compiler = try SiteCompiler(config: config)
            compiler.workers = workers
            compiler.window = 3
            var out: [String] = []
            try compiler.run(compiler.postPaths) { item in
                out.append("\(item.path)|\(item.diagnostics.map(\.description))|\(item.result?.content ?? "-")")
            }
            return out
        }
        let single = try run(workers: 1)
        XCTAssertEqual(single.count, 24)
        XCTAssertEqual(single.map { String($0.prefix { $0 != "|" }) }, single.map { String($0.prefix { $0 != "|" }) }.sorted())
        XCTAssertEqual(try run(workers: 4), single)
    }
}

/// Which links stay links: only WeChat articles, whatever the spelling of the address.
final class LinkKindTests: XCTestCase {
    func testOnlyTheWeChatArticleHostStaysALink() {
        XCTAssertEqual(LinkKind("https://mp.weixin.qq.com/s/abc"), .wechat)
        XCTAssertEqual(LinkKind("HTTPS://MP.WEIXIN.QQ.COM:443/s?x=1"), .wechat)
        XCTAssertEqual(LinkKind("https://user@mp.weixin.qq.com/s"), .wechat)
        XCTAssertEqual(LinkKind("https://mp.weixin.qq.com.evil.com/s"), .external)
        XCTAssertEqual(LinkKind("https://evil.com/?u=https://mp.weixin.qq.com"), .external)
        XCTAssertEqual(LinkKind("https://evil.com#mp.weixin.qq.com"), .external)
    }
}

/// `footnotes_title` in wxpub.yml names the notes section.
final class FootnotesTitleTests: XCTestCase {
    func testTheNotesSectionTakesItsTitleFromTheSiteConfig() throws {
        let site = try TestSite(files: ["wxpub.yml": Data("account:\n  name: 测试号\nfootnotes_title: 附注\ndefaults:\n  cover: images/green.jpg\n".utf8)])
        defer { site.remove() }
        let config = try SiteConfig.load(root: site.root, environment: [:])
        XCTAssertEqual(config.footnotesTitle, "附注")
        let note = MarkdownNode(.footnoteDefinition(label: "a", number: 1), children: [MarkdownNode(.paragraph, children: [MarkdownNode(.text("注"))])])
        let result = try ArticleCompiler(site: config).compile(site.post(""), document: MarkdownNode(.document, children: [note]))
        XCTAssertTrue(try XCTUnwrap(result.content).contains(">附注</"), result.content ?? "")
    }
}

/// `code: { line_numbers: true }` puts the numbers in a column of their own.
final class CodeLineNumberTests: XCTestCase {
    func testLineNumbersAreAColumnBesideTheCode() throws {
        let site = try TestSite(files: [
            "wxpub.yml": Data("account:\n  name: 测试号\ncode:\n  line_numbers: true\ndefaults:\n  cover: images/green.jpg\n".utf8),
            "templates/theme.css": Data(".line-number { color: #bbbbbb; padding-right: 8px; }\n".utf8),
            "templates/article.html": Data("<section>{{{body}}}</section>".utf8),
        ])
        defer { site.remove() }
        let config = try SiteConfig.load(root: site.root, environment: [:])
        let result = try ArticleCompiler(site: config).compile(site.post("```\na\n  b\n```"))
        XCTAssertEqual(
            result.content,
            #"<section><section><span style="color:#bbb;padding-right:8px;display:inline-block;vertical-align:top">1<br>2</span><code style="display:inline-block;vertical-align:top">a<br>&nbsp; b</code></section></section>"#)
    }
}

/// Highlighted code: a `span` per token, plain code bare, blank text between two tokens inside the next one.
final class HighlightedCodeTests: XCTestCase {
    func testTokensAreSpansAndTheBlankBetweenTwoTokensGoesInsideTheNext() throws {
        let site = try TestSite(files: [
            "templates/theme.css": Data(".hl-keyword { color: #d73a49; }\n.hl-function { color: #6f42c1; }\n".utf8),
            "templates/article.html": Data("<section>{{{body}}}</section>".utf8),
        ])
        defer { site.remove() }
        var out = HTMLWriter(table: try Theme.load(site: site.config()).styleTable, prefix: [])
        // The writer's code path, fed runs directly (the lexers are WXHighlight's).
        let code = "def f(): return x"
        let runs = [
            HighlightRun(.keyword, code.prefix(3)), HighlightRun(.plain, code.dropFirst(3).prefix(1)),
            HighlightRun(.function, code.dropFirst(4).prefix(1)), HighlightRun(.plain, code.dropFirst(5).prefix(4)),
            HighlightRun(.keyword, code.dropFirst(9).prefix(6)), HighlightRun(.plain, code.dropFirst(15)),
        ]
        BodyWriter.writeCode(runs, into: &out)
        XCTAssertEqual(
            String(decoding: out.bytes, as: UTF8.self),
            #"<span style="color:#d73a49">def</span><span style="color:#6f42c1"> f</span>(): <span style="color:#d73a49">return</span> x"#)
    }
}

/// Code spans follow the look, not the token class: classes the theme colours alike share a span,
/// and a class it leaves unstyled is plain text.
final class SpanPerLookTests: XCTestCase {
    func write(_ runs: [HighlightRun], theme: String) throws -> String {
        let site = try TestSite(files: [
            "templates/theme.css": Data(theme.utf8),
            "templates/article.html": Data("<section>{{{body}}}</section>".utf8),
        ])
        defer { site.remove() }
        var out = HTMLWriter(table: try Theme.load(site: site.config()).styleTable, prefix: [])
        BodyWriter.writeCode(runs, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    func testNeighbouringTokensOfOneColourShareASpan() throws {
        let code = "func length() {}"
        let runs = [HighlightRun(.keyword, code.prefix(4)), HighlightRun(.function, code.dropFirst(4).prefix(7)), HighlightRun(.plain, code.dropFirst(11))]
        XCTAssertEqual(
            try write(runs, theme: ".hl-keyword, .hl-function { color: #c22; }\n"),
            #"<span style="color:#c22">func length</span>() {}"#)
    }

    func testABlankBetweenTwoTokensOfOneColourStaysInTheirSpan() throws {
        let code = "def f"
        let runs = [HighlightRun(.keyword, code.prefix(3)), HighlightRun(.plain, code.dropFirst(3).prefix(1)), HighlightRun(.function, code.dropFirst(4))]
        XCTAssertEqual(try write(runs, theme: ".hl-keyword, .hl-function { color: #c22; }\n"), #"<span style="color:#c22">def f</span>"#)
    }

    func testAClassTheThemeLeavesUnstyledIsPlainTextAndSpansStopAtALineBreak() throws {
        let code = "return x  # note\nreturn"
        let runs = [
            HighlightRun(.keyword, code.prefix(6)), HighlightRun(.plain, code.dropFirst(6).prefix(2)),
            HighlightRun(.comment, code.dropFirst(8).prefix(9)), HighlightRun(.keyword, code.dropFirst(17)),
        ]
        XCTAssertEqual(
            try write(runs, theme: ".hl-keyword { color: #c22; }\n"),
            #"<span style="color:#c22">return</span> x &nbsp;# note<br><span style="color:#c22">return</span>"#)
    }
}

/// Structure rules still see Markdown that nests past WeChat's limit (rule 2.1).
final class MarkdownNestingTests: XCTestCase {
    func testQuotesNestedPastTheLimitAreFlaggedAtTheirLine() throws {
        let site = try TestSite()
        defer { site.remove() }
        let markdown = String(repeating: "> ", count: 12) + "深\n\n![](img/red.png)"
        let result = try ArticleCompiler(site: site.config()).compile(site.post(markdown, bodyStartLine: 5))
        let found = result.diagnostics.filter { $0.rule == "wechat/2.1" }
        XCTAssertEqual(found.map { "\($0.location.line) \($0.severity.rawValue)" }, ["5 error"])
    }
}
