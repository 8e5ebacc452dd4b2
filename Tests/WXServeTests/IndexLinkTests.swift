import XCTest
@testable import WXServe

/// How the index links to a post and escapes its texts (slugs come from file names).
final class IndexLinkTests: XCTestCase {
    func testAPlainSlugIsLinkedAsItIs() {
        XCTAssertEqual(PreviewPages.Links.buildFolder.href("hello-wxpub_2.0~x"), "hello-wxpub_2.0~x/index.html")
        XCTAssertEqual(PreviewPages.Links.served.href("hello-wxpub"), "/hello-wxpub/")
    }

    func testOtherSlugsArePercentEncodedForAPath() {
        XCTAssertEqual(PreviewPages.Links.buildFolder.href("你好 wxpub"), "%E4%BD%A0%E5%A5%BD%20wxpub/index.html")
        XCTAssertEqual(PreviewPages.Links.served.href("a?b#c"), "/a%3Fb%23c/")
    }

    func testPlainTextIsLeftAsItIs() {
        XCTAssertEqual(PreviewPages.escape("春天 spring-2026"), "春天 spring-2026")
    }

    func testMarkupQuotesAndNoBreakSpacesAreEscaped() {
        XCTAssertEqual(PreviewPages.escape("a & <b> \"c\"\u{A0}d"), "a &amp; &lt;b&gt; &quot;c&quot;&nbsp;d")
    }
}
