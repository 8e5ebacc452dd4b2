import XCTest

@testable import WXHTML

/// The declarations a WeChat article may carry, judged as a browser reads them.
final class CSSSafetyTests: XCTestCase {
    private func reason(_ property: String, _ value: String) -> String? {
        CSSSafety.reasonToDrop(CSSDeclaration(property, value))
    }

    // MARK: decoding escapes

    func testHexEscapeWithItsTerminatingSpaceIsOneCharacter() {
        XCTAssertEqual(CSSSafety.decodeEscapes(#"\6a avascript:"#), "javascript:")
    }

    func testSixDigitHexEscapeNeedsNoSpace() {
        XCTAssertEqual(CSSSafety.decodeEscapes(#"\000065xpression("#), "expression(")
    }

    func testEscapedOrdinaryCharacterIsThatCharacter() {
        XCTAssertEqual(CSSSafety.decodeEscapes(#"\p\o\s\i\t\i\o\n"#), "position")
    }

    func testEscapedNewlineDisappearsAndZeroBecomesReplacementCharacter() {
        XCTAssertEqual(CSSSafety.decodeEscapes("a\\\nb\\0 c"), "ab\u{FFFD}c")
    }

    func testTextWithoutBackslashIsUnchanged() {
        XCTAssertEqual(CSSSafety.decodeEscapes("1px solid #eee"), "1px solid #eee")
    }

    // MARK: reading declarations as a browser does

    func testAnEscapedQuoteDoesNotHideTheNextDeclaration() {
        XCTAssertEqual(
            CSSDeclaration.parseStyleAttribute(#"color: \"; position: fixed; top: 0"#).map(\.description),
            [#"color: \""#, "position: fixed", "top: 0"])
    }

    func testAnEscapedSemicolonDoesNotSplitADeclaration() {
        XCTAssertEqual(
            CSSDeclaration.parseStyleAttribute(#"font-family: a\;b; color: red"#).map(\.description),
            [#"font-family: a\;b"#, "color: red"])
    }

    // MARK: what is dropped

    func testEscapedJavascriptURLInBackgroundIsDropped() {
        XCTAssertEqual(reason("background", #"url(\6a avascript:alert(1))"#), "a javascript: URL runs code")
    }

    func testEscapedExpressionIsDropped() {
        XCTAssertEqual(reason("width", #"\65 xpression(alert(1))"#), "expression() runs code")
    }

    func testExpressionSplitByACommentIsDropped() {
        XCTAssertEqual(reason("width", "expression/**/(alert(1))"), "expression() runs code")
    }

    func testBehaviorAndMozBindingAreDropped() {
        XCTAssertEqual(reason("behavior", "url(x.htc)"), "`behavior` runs code")
        XCTAssertEqual(reason("-moz-binding", "url(x.xml#a)"), "`-moz-binding` runs code")
    }

    func testExternalImageURLIsDroppedAsATrackingImage() {
        XCTAssertEqual(
            reason("background", "#fff url(https://tracker.example/p.gif) no-repeat"),
            "url(https://tracker.example/p.gif) loads an image from outside WeChat on every read (a tracking image); WeChat removes it")
    }

    func testQuotedAndEscapedExternalURLIsDropped() {
        XCTAssertNotNil(reason("background-image", #"url("h\74tps://tracker.example/p.gif")"#))
    }

    func testRelativeAndDataURLsAreDropped() {
        XCTAssertNotNil(reason("background-image", "url(bg.png)"))
        XCTAssertNotNil(reason("background-image", "url(data:image/svg+xml;base64,PHN2Zz4=)"))
    }

    func testImageSetIsDropped() {
        XCTAssertNotNil(reason("background-image", "image-set(\"https://tracker.example/a.png\" 1x)"))
    }

    func testPositionFixedAndStickyAreDroppedInAnyCaseOrEscape() {
        XCTAssertEqual(reason("position", "fixed"), "`position: fixed` lays an overlay over the reader's screen; WeChat removes it")
        XCTAssertNotNil(reason("position", "FIXED"))
        XCTAssertNotNil(reason("position", #"\66 ixed"#))
        XCTAssertNotNil(reason("position", "sticky"))
    }

    // MARK: what is kept

    func testOrdinaryDeclarationsAreKept() {
        XCTAssertNil(reason("color", "#333"))
        XCTAssertNil(reason("border", "1px solid rgba(0, 0, 0, 0.1)"))
        XCTAssertNil(reason("font", "italic 14px/1.6 serif"))
        XCTAssertNil(reason("position", "relative"))
    }

    func testImagesOnWeChatsOwnHostAreKept() {
        XCTAssertNil(reason("background-image", "url(https://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png)"))
        XCTAssertNil(reason("background-image", "url(\"http://mmbiz.qpic.cn/a.png\")"))
    }

    func testAHostThatOnlyStartsLikeWeChatsIsDropped() {
        XCTAssertNotNil(reason("background-image", "url(https://mmbiz.qpic.cn.tracker.example/a.png)"))
    }
}
