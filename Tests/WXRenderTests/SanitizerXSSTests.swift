import XCTest

@testable import WXRender

/// The usual XSS vectors written as raw HTML in a post: none survives into the article, each
/// removal a warning at its line.
final class SanitizerXSSTests: RawHTMLTestCase {
    func testEventHandlersInAnyCaseAreRemoved() {
        let result = render("<p OnMouseOver=\"steal()\" ONCLICK='x()'>hi</p>")
        XCTAssertEqual(result.html, "<p>hi</p>")
        XCTAssertEqual(result.warnings, [
            "10: removed the event handler onmouseover=\"…\" on <p>: scripts never run in WeChat articles",
            "10: removed the event handler onclick=\"…\" on <p>: scripts never run in WeChat articles",
        ])
    }

    func testScriptInMixedCaseIsRemoved() {
        let result = render("<ScRiPt>alert(1)</sCrIpT>\n\n正文")
        XCTAssertEqual(result.html, "<p>正文</p>")
        XCTAssertEqual(result.warnings, ["10: removed <script> and its content: WeChat articles cannot contain it"])
    }

    func testAScriptSplitAroundAnotherScriptLeavesNoScript() {
        let result = render("<p><scr<script>alert(1)</script>ipt>alert(2)</script></p>")
        XCTAssertFalse(result.html.lowercased().contains("<script"), result.html)
    }

    func testAnImageWithAnErrorHandlerKeepsOnlyItsSource() {
        let result = render("<p><img src=\"https://example.com/x.png\" OnError=\"alert(1)\"></p>")
        XCTAssertEqual(result.html, "<p><img class=\"image\" src=\"https://example.com/x.png\"></p>")
    }

    func testJavascriptURLHiddenByNumericEntitiesIsRemoved() {
        let result = render("<p><a href=\"&#106;&#x61;vascript&#58;alert(1)\">x</a></p>")
        XCTAssertEqual(result.html, "<p>x</p>")
        XCTAssertEqual(result.warnings, ["10: removed a javascript: URL from <a href>"])
    }

    func testJavascriptURLHiddenByWhiteSpaceEntitiesIsRemoved() {
        let result = render("<p><a href=\" &#9;java&#x09;script&#x3A;alert(1)\">x</a></p>")
        XCTAssertEqual(result.html, "<p>x</p>")
        XCTAssertEqual(result.warnings, ["10: removed a javascript: URL from <a href>"])
    }

    /// The parser knows the HTML 4 entities; one it does not know (`&colon;`, HTML 5) stays text and
    /// is written back escaped, so no browser can decode it into a scheme.
    func testHTML5OnlyEntitiesAreWrittenBackEscaped() {
        let result = render("<p><a href=\"java&Tab;script&colon;alert(1)\">x</a><span title=\"javascript&colon;x\">y</span></p>")
        XCTAssertEqual(result.html, "<p>x<span title=\"javascript&amp;colon;x\">y</span></p>")
    }

    func testJavascriptURLSplitByANewlineEntityIsRemoved() {
        XCTAssertEqual(render("<p><a href=\"jav&#x0A;ascript:alert(1)\">x</a></p>").html, "<p>x</p>")
    }

    func testVBScriptURLIsRemoved() {
        let result = render("<p><a href=\"VBScript:msgbox(1)\">x</a></p>")
        XCTAssertEqual(result.html, "<p>x</p>")
        XCTAssertEqual(result.warnings, ["10: removed a vbscript: URL from <a href>"])
    }

    func testDataURLsInLinksAndImagesAreRemoved() {
        let result = render("<p><a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a><img src=\" data:image/svg+xml,<svg onload=alert(1)>\"></p>")
        XCTAssertEqual(result.html, "<p>x</p>")
        XCTAssertEqual(result.warnings, ["10: removed a data: URL from <a href>", "10: removed a data: URL from <img src>"])
    }

    func testSVGWithScriptIsRemovedWhole() {
        let result = render("<svg>\n<script>alert(1)</script><a xlink:href=\"javascript:alert(2)\"><text>t</text></a>\n</svg>")
        XCTAssertEqual(result.html, "")
        XCTAssertEqual(result.warnings, ["10: removed <svg> and its content: WeChat articles cannot contain it"])
    }

    func testMathMLIsRemovedWhole() {
        let result = render("<math>\n<maction actiontype=\"statusline\" href=\"javascript:alert(1)\">x</maction>\n</math>")
        XCTAssertEqual(result.html, "")
        XCTAssertEqual(result.warnings, ["10: removed <math> and its content: WeChat articles cannot contain it"])
    }

    func testBaseAndMetaAreRemoved() {
        let result = render("<base href=\"https://evil.example/\">\n<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">\n\n正文")
        XCTAssertFalse(result.html.contains("base"), result.html)
        XCTAssertFalse(result.html.contains("meta"), result.html)
        XCTAssertFalse(result.html.contains("javascript"), result.html)
        XCTAssertTrue(result.html.contains("正文"), result.html)
    }

    func testFormWithFormactionButtonIsRemovedWhole() {
        let result = render("<form action=\"https://evil.example\"><button formaction=\"javascript:alert(1)\">go</button></form>")
        XCTAssertEqual(result.html, "")
        XCTAssertEqual(result.warnings, ["10: removed <form> and its content: WeChat articles cannot contain it"])
    }

    func testSrcdocAndSrcsetAreDropped() {
        let result = render("<p><img src=\"https://example.com/a.png\" srcset=\"javascript:alert(1) 1x\" srcdoc=\"<script>alert(1)</script>\"></p>")
        XCTAssertEqual(result.html, "<p><img class=\"image\" src=\"https://example.com/a.png\"></p>")
    }

    func testIframeSrcdocIsRemovedWhole() {
        XCTAssertEqual(render("<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>").html, "")
    }

    func testNestedCommentsDoNotSmuggleAScript() {
        let result = render("<p>a<!-- <!-- --><script>alert(1)</script>--> b</p>")
        XCTAssertFalse(result.html.contains("script"), result.html)
        XCTAssertFalse(result.html.contains("alert"), result.html)
    }

    func testConditionalCommentIsDropped() {
        let result = render("<p>a<!--[if IE]><script>alert(1)</script><![endif]-->b</p>")
        XCTAssertEqual(result.html, "<p>ab</p>")
    }

    func testStyleWithEscapedJavascriptURLLosesOnlyThatDeclaration() {
        let result = render(#"<p style="color: red; background:url(\6a avascript:alert(1))">x</p>"#)
        XCTAssertEqual(result.html, "<p style=\"color: red\">x</p>")
        XCTAssertEqual(result.warnings, [#"10: removed `background: url(\6a avascript:alert(1))` from a style on <p>: a javascript: URL runs code"#])
    }

    func testStyleWithEscapedExpressionIsRemoved() {
        let result = render(#"<p style="width:\65 xpression(alert(1))">x</p>"#)
        XCTAssertEqual(result.html, "<p>x</p>")
        XCTAssertEqual(result.warnings, [#"10: removed `width: \65 xpression(alert(1))` from a style on <p>: expression() runs code"#])
    }

    func testStyleWithATrackingImageAndAFixedOverlayKeepsTheRest() {
        let result = render("<section style=\"position: fixed; top: 0; background: url(https://t.example/p.gif)\">x</section>")
        XCTAssertEqual(result.html, "<section style=\"top: 0\">x</section>")
        XCTAssertEqual(result.warnings, [
            "10: removed `position: fixed` from a style on <section>: `position: fixed` lays an overlay over the reader's screen; WeChat removes it",
            "10: removed `background: url(https://t.example/p.gif)` from a style on <section>: url(https://t.example/p.gif) loads an image from outside WeChat on every read (a tracking image); WeChat removes it",
        ])
    }

    /// A browser reads `\"` outside a string as an escaped character, so the next declaration
    /// is live; a filter that took it for the start of a string would keep `position: fixed`.
    func testAnEscapedQuoteDoesNotSmuggleAFixedOverlay() {
        let result = render(#"<p style="color: \&quot;; position: fixed; top: 0">x</p>"#)
        XCTAssertEqual(result.html, #"<p style="color: \&quot;; top: 0">x</p>"#)
        XCTAssertEqual(result.warnings.count, 1, "\(result.warnings)")
    }

    func testADeclarationWithAnEscapedPropertyNameIsNotWrittenBack() {
        XCTAssertEqual(render(#"<p style="\70 osition: fixed; color: red">x</p>"#).html, #"<p style="color: red">x</p>"#)
    }

    func testStyleEntityEncodedIsDecodedBeforeTheCheck() {
        XCTAssertEqual(render("<p style=\"width: &#101;xpression(alert(1))\">x</p>").html, "<p>x</p>")
    }
}
