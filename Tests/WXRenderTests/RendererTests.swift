import WXHTML
import WXSupport
import XCTest

@testable import WXRender

/// One Markdown construct per test, and the body DOM it becomes (before template and theme).
final class RendererTests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    func body(_ markdown: String, cjkSpacing: Bool = false) -> String {
        renderBody(site.post(markdown), site: site.config(cjkSpacing: cjkSpacing)).html
    }

    func testHeadingsKeepTheirLevel() {
        XCTAssertEqual(body("# 一\n\n### 三\n\n###### 六"), "<h1>一</h1><h3>三</h3><h6>六</h6>")
    }

    func testEmphasisAndStrong() {
        XCTAssertEqual(body("*斜* 和 **粗**"), "<p><em>斜</em> 和 <strong>粗</strong></p>")
    }

    func testSoftBreakBetweenChineseLinesJoinsWithoutSpace() {
        XCTAssertEqual(body("第一行\n第二行"), "<p>第一行第二行</p>")
    }

    func testSoftBreakBetweenLatinLinesBecomesASpace() {
        XCTAssertEqual(body("first\nsecond"), "<p>first second</p>")
    }

    func testHardBreakBecomesBr() {
        XCTAssertEqual(body("一行  \n二行"), "<p>一行<br>二行</p>")
    }

    func testThematicBreak() {
        XCTAssertEqual(body("a\n\n----------\n\nb"), "<p>a</p><hr><p>b</p>")
    }

    func testTightListItemsHoldTextDirectly() {
        XCTAssertEqual(body("- 甲\n- 乙"), "<ul><li>甲</li><li>乙</li></ul>")
    }

    func testLooseListItemsKeepParagraphs() {
        XCTAssertEqual(body("- 甲\n\n- 乙"), "<ul><li><p>甲</p></li><li><p>乙</p></li></ul>")
    }

    func testOrderedListKeepsItsStartNumber() {
        XCTAssertEqual(body("3. 三\n4. 四"), "<ol start=\"3\"><li>三</li><li>四</li></ol>")
        XCTAssertEqual(body("1. 一"), "<ol><li>一</li></ol>")
    }

    func testNestedLists() {
        XCTAssertEqual(body("- 甲\n  1. 子一\n  2. 子二\n- 乙"), "<ul><li>甲<ol><li>子一</li><li>子二</li></ol></li><li>乙</li></ul>")
    }

    func testNestedBlockquotes() {
        XCTAssertEqual(body("> 外\n>\n> > 内"), "<blockquote><p>外</p><blockquote><p>内</p></blockquote></blockquote>")
    }

    func testInlineCode() {
        XCTAssertEqual(body("用 `a < b`"), "<p>用 <code class=\"code-inline\">a &lt; b</code></p>")
    }

    func testCodeBlockKeepsEverySpaceTabAndLineWithoutPre() {
        let html = body("```swift\nif x {\n\tlet  y = 1\n\n}\n```")
        XCTAssertEqual(
            html,
            "<section class=\"code-block\"><section class=\"code-lang\">swift</section><section class=\"code-scroll\">"
                + "<code class=\"code-body\">if&nbsp;x&nbsp;{<br>&nbsp;&nbsp;&nbsp;&nbsp;let&nbsp;&nbsp;y&nbsp;=&nbsp;1<br><br>}</code>"
                + "</section></section>")
        XCTAssertFalse(html.contains("<pre"))
    }

    func testTabsExpandToTheNextFourColumnStop() {
        XCTAssertEqual(HTMLTextOf(CodeLines.nodes("ab\tc", breakAt: nil)), "ab\u{A0}\u{A0}c")
    }

    func testIndentedCodeBlockHasNoLanguageLabel() {
        XCTAssertEqual(
            body("    x = 1"),
            "<section class=\"code-block\"><section class=\"code-scroll\"><code class=\"code-body\">x&nbsp;=&nbsp;1</code></section></section>")
    }

    func testCJKSpacingWhenEnabled() {
        XCTAssertEqual(body("微信5.0今天发布了iOS版", cjkSpacing: true), "<p>微信 5.0 今天发布了 iOS 版</p>")
        XCTAssertEqual(body("微信5.0今天发布了"), "<p>微信5.0今天发布了</p>")
    }

    func testCJKSpacingSeesAcrossInlineMarkup() {
        XCTAssertEqual(body("中文**bold**和*斜体x*", cjkSpacing: true), "<p>中文<strong> bold</strong> 和<em>斜体 x</em></p>")
    }

    func testCJKSpacingDoesNotJoinAcrossBlocks() {
        XCTAssertEqual(body("# 标题A\n\nB段落", cjkSpacing: true), "<h1>标题 A</h1><p>B 段落</p>")
    }

    func testCJKSpacingLeavesCodeAlone() {
        XCTAssertEqual(body("`微信5`", cjkSpacing: true), "<p><code class=\"code-inline\">微信5</code></p>")
    }

    func testEmphasisNextToCJKPunctuationWorksByDefault() {
        // The CJK-friendly amendments (`markdown: cjk_friendly`, on by default).
        XCTAssertEqual(body("**注意：**后文"), "<p><strong>注意：</strong>后文</p>")
    }

    func testPlainCommonMarkLeavesEmphasisNextToCJKPunctuationLiteral() {
        var config = site.config()
        config.cjkFriendly = false
        XCTAssertEqual(renderBody(site.post("**注意：**后文"), site: config).html, "<p>**注意：**后文</p>")
    }
}

func HTMLTextOf(_ nodes: [WXHTML.HTMLNode]) -> String { HTMLText.plain(nodes) }

final class NestingTests: XCTestCase {
    func testPathologicalNestingIsFlattenedWithAWarning() throws {
        let site = try TestSite()
        defer { site.remove() }
        let markdown = String(repeating: ">", count: 5000) + " 深"
        let (html, body) = renderBody(site.post(markdown), site: site.config())
        XCTAssertTrue(html.hasSuffix("深" + String(repeating: "</blockquote>", count: MarkdownRenderer.maxDepth)))
        XCTAssertEqual(body.diagnostics.map(\.rule), ["render/nesting"])
    }
}
