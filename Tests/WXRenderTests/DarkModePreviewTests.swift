import Foundation
import WXHTML
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

    func testThePreviewPageHasTheSwitchAndTheDarkCopyButTheArticleDoesNot() throws {
        let site = try TestSite()
        defer { site.remove() }
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        let article = try XCTUnwrap(compiler.compile(site.post("正文 **加粗**")).article)
        let page = PreviewPage.html(article, imageSources: [:])
        XCTAssertTrue(page.contains("<button class=\"wx-mode\""), page)
        XCTAssertTrue(page.contains("<div id=\"js_content_dark\"><section style=\"font-size: 16px; color: #a3a3a3;"), page)
        XCTAssertFalse(article.content.contains("<script") || article.content.contains("onclick") || article.content.contains("wx-mode"))
    }
}
