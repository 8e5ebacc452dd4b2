import XCTest

@testable import WXRender

/// Raw HTML in posts: allow-listed tags and attributes only; dangerous things removed with a
/// warning at their line.
final class SanitizerTests: RawHTMLTestCase {
    func testParagraphBlocksPassThrough() {
        XCTAssertEqual(render("<p>微信5.0今天发布了</p>").html, "<p>微信5.0今天发布了</p>")
    }

    func testScriptIsRemovedWithAWarningAtItsLine() {
        let result = render("text\n\n<script>alert(1)</script>")
        XCTAssertEqual(result.html, "<p>text</p>")
        XCTAssertEqual(result.warnings, ["12: removed <script> and its content: WeChat articles cannot contain it"])
    }

    func testStyleIframeAndFormAreRemoved() {
        let result = render("<style>p{color:red}</style>\n\n<iframe src=\"https://x\"></iframe>\n\n<form><p>in</p></form>")
        XCTAssertEqual(result.html, "")
        XCTAssertEqual(result.warnings.map { $0.prefix(2) }, ["10", "12", "14"])
    }

    func testEventHandlersAreRemoved() {
        let result = render("<p onclick=\"steal()\" style=\"color: red\">hi</p>")
        XCTAssertEqual(result.html, "<p style=\"color: red\">hi</p>")
        XCTAssertEqual(result.warnings, ["10: removed the event handler onclick=\"…\" on <p>: scripts never run in WeChat articles"])
    }

    func testJavascriptURLsAreRemoved() {
        let result = render("<p><a href=\" JavaScript:alert(1)\">x</a></p>")
        XCTAssertEqual(result.html, "<p>x</p>")
        XCTAssertEqual(result.warnings, ["10: removed a javascript: URL from <a href>"])
    }

    func testClassIdAndUnknownAttributesAreDroppedQuietly() {
        let result = render("<p class=\"x\" id=\"y\" data-foo=\"1\">a</p>")
        XCTAssertEqual(result.html, "<p>a</p>")
        XCTAssertEqual(result.warnings, [])
    }

    func testDivBecomesSectionAndBBecomesStrong() {
        XCTAssertEqual(render("<div><b>粗</b></div>").html, "<section><strong>粗</strong></section>")
    }

    func testUnknownTagsAreUnwrappedKeepingTheirText() {
        let result = render("<p><blink>闪</blink></p>")
        XCTAssertEqual(result.html, "<p>闪</p>")
        XCTAssertEqual(result.warnings, ["10: removed the <blink> tag (kept its content): it is not in the WeChat allow-list"])
    }

    func testMoreCommentIsDropped() {
        XCTAssertEqual(render("前\n\n<!--more-->\n\n后").html, "<p>前</p><p>后</p>")
    }

    func testInlineScriptIsRemovedWithItsContent() {
        let result = render("前 <script>alert(1)</script> 后")
        XCTAssertEqual(result.html, "<p>前  后</p>")
        XCTAssertEqual(result.warnings.count, 1)
    }

    func testInlineSpanWithStyleWrapsMarkdown() {
        XCTAssertEqual(
            render("前 <span style=\"color: #c00\">**红**</span> 后").html,
            "<p>前 <span style=\"color: #c00\"><strong>红</strong></span> 后</p>")
    }

    func testStyleWithExpressionIsRemoved() {
        let result = render("<p style=\"width: expression(alert(1))\">x</p>")
        XCTAssertEqual(result.html, "<p>x</p>")
        XCTAssertEqual(result.warnings.count, 1)
    }
}
