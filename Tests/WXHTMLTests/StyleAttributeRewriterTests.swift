import XCTest

@testable import WXHTML

/// The byte scan that rewrites `style` attributes gives what parse → change → serialise gives,
/// and declines (nil) whatever it cannot vouch for.
final class StyleAttributeRewriterTests: XCTestCase {
    /// Upper-cases each style and numbers the contexts by depth of styled ancestors.
    func scan(_ html: String) -> String? {
        StyleAttributeRewriter.rewrite(html, root: 0) { style, depth in
            (Array(HTMLSerializer.escape(StyleAttributeRewriter.decoded(style).uppercased() + ";d=\(depth)", attribute: true).utf8), depth + 1)
        }
    }

    /// The same change made on the parsed tree.
    func tree(_ html: String) -> String {
        func change(_ node: HTMLNode, depth: Int) -> HTMLNode {
            guard case .element(var element) = node else { return node }
            var depth = depth
            if let style = element[attribute: "style"] {
                element[attribute: "style"] = style.uppercased() + ";d=\(depth)"
                depth += 1
            }
            element.children = element.children.map { change($0, depth: depth) }
            return .element(element)
        }
        return HTMLSerializer.serialize(HTMLParser.parseFragment(html, file: "t").nodes.map { change($0, depth: 0) })
    }

    func testStylesAreRewrittenWithTheContextTheirStyledAncestorsPassOn() {
        let html = #"<section style="color: #333"><p>文 <span style="x">a</span><img src="a.png" style="w"></p><p style="m">b</p></section>"#
        XCTAssertEqual(scan(html), #"<section style="COLOR: #333;d=0"><p>文 <span style="X;d=1">a</span><img src="a.png" style="W;d=1"></p><p style="M;d=1">b</p></section>"#)
        XCTAssertEqual(scan(html), tree(html))
    }

    func testLongTextFindsEveryStopWhereverItFalls() {
        // Text is skipped eight bytes at a time: move each stop across word boundaries.
        for shift in 0..<16 {
            let lead = String(repeating: "a", count: shift) + "中文正文 text "
            let html = #"<p style="s">"# + lead + "&amp; x &lt;y&gt; 正文" + #"<span style="t">"# + lead + "</span>" + lead + "</p>"
            XCTAssertEqual(scan(html), tree(html), "shift \(shift)")
            XCTAssertNotNil(scan(html), "shift \(shift)")
            XCTAssertNil(scan(#"<p style="s">"# + lead + "\u{A0}" + lead + "</p>"), "U+00A0 at shift \(shift)")
            XCTAssertNil(scan(#"<p style="s">"# + lead + ">" + lead + "</p>"), "a raw > at shift \(shift)")
        }
    }

    func testReferencesTheSerializerWritesBackAreKeptAndDecodedInStyles() {
        let html = #"<p title="a &amp; &quot;b&quot;" style="font-family: &quot;mp&quot;">x &lt;y&gt; &amp;&nbsp;z</p>"#
        XCTAssertEqual(scan(html), tree(html))
        XCTAssertEqual(scan(html), #"<p title="a &amp; &quot;b&quot;" style="FONT-FAMILY: &quot;MP&quot;;d=0">x &lt;y&gt; &amp;&nbsp;z</p>"#)
    }

    func testVisitingSeesEachStyleInDocumentOrderWithItsContextAndCopiesNothing() {
        var visited: [String] = []
        let html = Array(#"<section style="a"><p>x <span style="b">y</span></p><p style="c">z</p></section><p style="d">w</p>"#.utf8)
        let vouched = html.withUnsafeBufferPointer { bytes in
            StyleAttributeRewriter.visit(bytes, root: 0) { style, depth in
                visited.append(StyleAttributeRewriter.decoded(style) + "@\(depth)")
                return depth + 1
            }
        }
        XCTAssertTrue(vouched)
        XCTAssertEqual(visited, ["a@0", "b@1", "c@1", "d@0"])
    }

    func testVisitingDeclinesWhatRewritingDeclines() {
        let html = Array(#"<p style="a">x<section style="b">y</section></p>"#.utf8)
        XCTAssertFalse(html.withUnsafeBufferPointer { StyleAttributeRewriter.visit($0, root: 0) { _, depth in depth } })
    }

    func testHTMLWithoutStylesIsCopied() {
        let html = "<table><tr><td>1</td></tr><tr><td>2</td></tr></table><ul><li>a</li><li>b</li></ul><br><hr>"
        XCTAssertEqual(scan(html), html)
        XCTAssertEqual(scan(html), tree(html))
    }

    func testHTMLTheSerializerWouldWriteDifferentlyIsDeclined() {
        let declined = [
            "<p>a<section>b</section></p>",  // <section> closes the open <p>
            "<ul><li>a<li>b</ul>",  // an implied </li>
            "<h2><h3>x</h3></h2>",  // a heading closes a heading
            "<table><tr><td>a<td>b</tr></table>",  // an implied </td>
            "<P>x</P>",  // upper-case names
            "<p STYLE=\"a\">x</p>",
            "<p style=a>x</p>",  // unquoted value
            "<p style='a'>x</p>",
            "<p  style=\"a\">x</p>",  // two spaces
            "<p style=\"a\" style=\"b\">x</p>",  // a duplicate: the parser keeps the first
            "<p disabled>x</p>",  // no value
            "<br/>",  // self-closing
            "<p>a &copy; b</p>",  // a reference written back as a character
            "<p title=\"&lt;\">x</p>",
            "<p>a > b</p>",  // written back as &gt;
            "<p>a\u{A0}b</p>",  // written back as &nbsp;
            "<p>a <!-- c --> b</p>",
            "<p>a < b</p>",
            "<script>x</script>",
            "<svg><path/></svg>",
            "<p>open",  // closed by the end of the fragment
            "<p><b>x</p></b>",  // misnested
            "</p>",  // stray end tag
            "<p>x</p >",
        ]
        for html in declined {
            XCTAssertNil(scan(html), html)
        }
    }

    func testWhereTheParserReadsOtherwiseThanWrittenTheScanDeclinesRatherThanGuess() {
        // <section> ends the <p>: the section is not inside the paragraph, so it does not get its context.
        let html = #"<p style="a">x<section style="b">y</section>"#
        XCTAssertNil(scan(html))
        XCTAssertEqual(tree(html), #"<p style="A;d=0">x</p><section style="B;d=0">y</section>"#)
    }
}
