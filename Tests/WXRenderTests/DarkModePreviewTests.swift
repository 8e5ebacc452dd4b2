import Foundation
import WXHTML
import WXStructure
import XCTest

@testable import WXRender

/// The preview page's dark-mode copy: inline colours converted as WeChat converts them, the
/// switch and its script in the page only.
final class DarkModePreviewTests: XCTestCase {
    func recolour(_ html: String) -> String {
        HTMLSerializer.serialize(DarkModeRendering.recolour(HTMLParser.parseFragment(html, file: "t").nodes))
    }

    func testTextColoursAreConvertedAgainstThePage() {
        XCTAssertEqual(recolour(#"<section style="color: #333333"><p>正文</p></section>"#),
                       #"<section style="color: #a3a3a3"><p>正文</p></section>"#)
    }

    func testABackgroundIsConvertedFirstAndItsInheritedTextColourAdded() {
        XCTAssertEqual(recolour(#"<section style="color: #333333"><blockquote style="background-color: #f7f7f7">引用</blockquote></section>"#),
                       #"<section style="color: #a3a3a3"><blockquote style="background-color: #212121; color: #b3b3b3">引用</blockquote></section>"#)
    }

    func testTextOnAConvertedBackgroundIsAdjustedToIt() {
        XCTAssertEqual(recolour(#"<section style="background-color: #1e2430"><span style="color: #a5d98b">"s"</span></section>"#),
                       #"<section style="background-color: #2b3445; color: #cccccc"><span style="color: #a5d98b">"s"</span></section>"#)
    }

    func testBorderColoursAreConvertedLikeText() {
        XCTAssertEqual(recolour(#"<h2 style="border-bottom: 1px solid #333333; margin: 0">标题</h2>"#),
                       #"<h2 style="border-bottom: 1px solid #a3a3a3; margin: 0">标题</h2>"#)
    }

    func testThePreviewPageHasTheSwitchAndTheDarkStylesButTheArticleDoesNot() throws {
        let site = try TestSite()
        defer { site.remove() }
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        let article = try XCTUnwrap(compiler.compile(site.post("正文 **加粗**")).article)
        let page = PreviewPage.html(article, imageSources: [:])
        XCTAssertTrue(page.contains("<button class=\"wx-mode\""), page)
        XCTAssertTrue(page.contains("onclick=\"wxDark(this)\""), page)
        XCTAssertTrue(page.contains("<script id=\"wx-dark\">var wxDarkStyles = new Map([[\"font-size:16px;color:#333;"), page)
        XCTAssertTrue(page.contains("\",\"font-size: 16px; color: #a3a3a3;"), page)
        XCTAssertFalse(page.contains("js_content_dark"), "the article is on the page once")
        XCTAssertFalse(article.content.contains("<script") || article.content.contains("onclick") || article.content.contains("wx-mode"))
    }
}

/// The preview page's table of dark styles, applied as the page's switch applies it, gives the
/// dark copy the tree gives (declaration for declaration: a value with no colour keeps its spacing).
final class DarkStylesTests: XCTestCase {
    /// The article with each `style` swapped for its dark version in document order, as the script does.
    func applied(_ html: String) -> String {
        let table = DarkModeRendering.darkStyles(bytes: Array(html.utf8))
        var seen: [String: Int] = [:]
        func swap(_ node: HTMLNode) -> HTMLNode {
            guard case .element(var element) = node else { return node }
            if let light = element[attribute: "style"] {
                element[attribute: "style"] = table.dark(light, occurrence: seen[light, default: 0])
                seen[light, default: 0] += 1
            }
            element.children = element.children.map(swap)
            return .element(element)
        }
        return normalised(HTMLParser.parseFragment(html, file: "t").nodes.map(swap))
    }

    func viaTree(_ html: String) -> String {
        normalised(DarkModeRendering.recolour(HTMLParser.parseFragment(html, file: "t").nodes))
    }

    /// Every `style` written in one spacing.
    func normalised(_ nodes: [HTMLNode]) -> String {
        func normalise(_ node: HTMLNode) -> HTMLNode {
            guard case .element(var element) = node else { return node }
            if let style = element[attribute: "style"] {
                element[attribute: "style"] = InlineStyle.parse(style).map { "\($0.property): \($0.value)" }.joined(separator: "; ")
            }
            element.children = element.children.map(normalise)
            return .element(element)
        }
        return HTMLSerializer.serialize(nodes.map(normalise))
    }

    func testEveryBuiltInThemesGoldenArticleGetsTheTreesDarkCopy() throws {
        let folder = TestSite.fixtures.appendingPathComponent("themes")
        var checked = 0
        for theme in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(theme).path).sorted() {
                var html = try String(contentsOf: folder.appendingPathComponent("\(theme)/\(file)"), encoding: .utf8)
                if html.hasSuffix("\n") { html.removeLast() }
                // The table comes from the byte scan, which reads the article as written (no parse).
                let bytes = Array(html.utf8)
                XCTAssertTrue(bytes.withUnsafeBufferPointer { StyleAttributeRewriter.visit($0, root: 0) { _, context in context } }, "\(theme)/\(file)")
                XCTAssertEqual(applied(html), viaTree(html), "\(theme)/\(file)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 15)
    }

    func testAValueThatConvertsDifferentlyByPlaceHasOneVersionPerOccurrence() {
        let html = #"<span style="color: #333333">a</span><section style="background-color: #1e2430"><span style="color: #333333">b</span></section>"#
        let table = DarkModeRendering.darkStyles(bytes: Array(html.utf8))
        XCTAssertEqual(table.entries.first { $0.light == "color: #333333" }?.dark.count, 2)
        XCTAssertEqual(applied(html), viaTree(html))
    }

    func testValuesThatStayAsTheyAreAreLeftOutAndRepeatsAreListedOnce() {
        let html = #"<p style="margin:0">a</p><p style="color: #333333">b</p><p style="color: #333333">c</p>"#
        let table = DarkModeRendering.darkStyles(bytes: Array(html.utf8))
        XCTAssertEqual(table.entries, [DarkStyles.Entry(light: "color: #333333", dark: ["color: #a3a3a3"])])
    }

    func testRepeatedAndEmptyStylesAreConvertedInTheirOwnContexts() {
        let html = #"<p style="">a</p><section style="background-color: #1e2430"><p style="">b</p><span style="color: #333333">c</span></section>"#
            + #"<span style="color: #333333">d</span><p style="">e</p>"#
        XCTAssertEqual(applied(html), viaTree(html))
    }

    func testHTMLTheScanDeclinesGetsTheTreesDarkCopy() {
        let html = #"<p style="color: #333333">a<section style="background-color: #f7f7f7">b</section>"#
        XCTAssertEqual(applied(html), viaTree(html))
    }

    func testTheTableCannotEndItsScriptElement() {
        let table = DarkStyles(occurrences: [(light: "color: #333333</script><b>\"\\", dark: "x\u{2028}")])
        XCTAssertEqual(String(decoding: table.script, as: UTF8.self), #"[["color: #333333\u003c/script>\u003cb>\"\\","x\u2028"]]"#)
    }
}
