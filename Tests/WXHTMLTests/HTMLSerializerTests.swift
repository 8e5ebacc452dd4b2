import WXHTML
import XCTest

final class HTMLSerializerTests: XCTestCase {
    func testTextEscapesAmpersandAndAngleBrackets() {
        XCTAssertEqual(HTMLSerializer.serialize([.text(#"a < b && c > "d""#)]), #"a &lt; b &amp;&amp; c &gt; "d""#)
    }

    func testAttributeValuesEscapeAmpersandAndQuote() {
        let node = HTMLNode.element(HTMLElement("a", attributes: [HTMLAttribute("title", #"x "y" & <z>"#)], children: [.text("t")]))
        XCTAssertEqual(HTMLSerializer.serialize([node]), #"<a title="x &quot;y&quot; &amp; <z>">t</a>"#)
    }

    func testNonBreakingSpaceIsWrittenAsEntity() {
        XCTAssertEqual(HTMLSerializer.serialize([.text("\u{A0}\u{A0}x 中\u{A0}")]), "&nbsp;&nbsp;x 中&nbsp;")
    }

    func testVoidElementsHaveNoEndTagAndAttributesKeepOrder() {
        let image = HTMLNode.element(HTMLElement("img", attributes: [HTMLAttribute("src", "a.png"), HTMLAttribute("alt", "")]))
        XCTAssertEqual(HTMLSerializer.serialize([.element(HTMLElement("p", children: [.text("a"), .element(HTMLElement("br")), image]))]),
                       #"<p>a<br><img src="a.png" alt=""></p>"#)
    }

    func testStyleContentIsNotEscaped() {
        XCTAssertEqual(HTMLSerializer.serialize([.element(HTMLElement("style", children: [.text("a > b { }")]))]), "<style>a > b { }</style>")
    }

    func testCommentsAreWrittenVerbatim() {
        XCTAssertEqual(HTMLSerializer.serialize([.comment(" more ")]), "<!-- more -->")
    }

    /// Serializing what was parsed gives the same markup back for well-formed input.
    func testRoundTripOfWellFormedMarkup() {
        let samples = [
            #"<section style="margin: 0 8px"><p>中文 <strong>粗体</strong> and <em>emphasis</em></p></section>"#,
            #"<pre><code>let a = 1 &lt; 2 &amp;&amp; b&nbsp;&nbsp;</code></pre>"#,
            #"<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"#,
            #"<p>a<br>b<img src="x.png" alt="&quot;q&quot;"></p><!-- c --><hr>"#,
            #"<ul><li>one<ol start="3"><li>two</li></ol></li></ul>"#,
            #"<a href="https://mp.weixin.qq.com/s?a=1&amp;b=2">link</a>"#,
        ]
        for sample in samples {
            let result = HTMLParser.parseFragment(sample, file: "t", line: 1, column: 1)
            XCTAssertEqual(result.warnings, [], sample)
            XCTAssertEqual(HTMLSerializer.serialize(result.nodes), sample)
        }
    }

    /// Parsing what was serialized gives the same tree back (locations aside), whatever the text holds.
    func testRoundTripOfTrees() {
        let tree: [HTMLNode] = [
            .element(HTMLElement("p", attributes: [HTMLAttribute("title", "<&\"'>\u{A0}")], children: [
                .text("<tag> & \"quotes\" 'single' \u{A0} 中文 😀"),
                .element(HTMLElement("span", children: [.text("&amp; literally")])),
            ])),
        ]
        let html = HTMLSerializer.serialize(tree)
        XCTAssertEqual(HTMLParser.parseFragment(html, file: "t", line: 1, column: 1).nodes.map(stripLocations), tree)
    }

    private func stripLocations(_ node: HTMLNode) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        element.location = nil
        element.children = element.children.map(stripLocations)
        return .element(element)
    }
}
