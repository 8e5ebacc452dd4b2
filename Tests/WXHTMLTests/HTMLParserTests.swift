import WXHTML
import WXSupport
import WXTestSupport
import XCTest

final class HTMLParserTests: XCTestCase {
    private func parse(_ html: String, line: Int = 1, column: Int = 1) -> HTMLParseResult {
        HTMLParser.parseFragment(html, file: "post.md", line: line, column: column)
    }

    /// The tree written back, which is the easiest way to state the expected shape.
    private func shape(_ html: String) -> String {
        HTMLSerializer.serialize(parse(html).nodes)
    }

    private func firstElement(_ nodes: [HTMLNode]) -> HTMLElement? {
        for node in nodes { if case .element(let element) = node { return element } }
        return nil
    }

    func testParsesNestedElementsTextAndAttributesInOrder() {
        let result = parse(#"<p class="lead" data-x='1' hidden>Hi <strong>there</strong></p>"#)
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(result.nodes, [
            .element(HTMLElement("p", attributes: [HTMLAttribute("class", "lead"), HTMLAttribute("data-x", "1"), HTMLAttribute("hidden", "")],
                                 children: [.text("Hi "), .element(HTMLElement("strong", children: [.text("there")],
                                                                              location: SourceLocation(file: "post.md", line: 1, column: 38)))],
                                 location: SourceLocation(file: "post.md", line: 1, column: 1))),
        ])
    }

    func testUnquotedAttributeValuesEndAtWhitespaceOrTagEnd() {
        let element = firstElement(parse("<img src=a.png alt=x>").nodes)
        XCTAssertEqual(element?.attributes, [HTMLAttribute("src", "a.png"), HTMLAttribute("alt", "x")])
    }

    func testTagAndAttributeNamesAreLowerCased() {
        XCTAssertEqual(shape(#"<SECTION Style="color: red">x</Section>"#), #"<section style="color: red">x</section>"#)
    }

    func testVoidElementsTakeNoChildrenWithOrWithoutSlash() {
        XCTAssertEqual(shape("<p>a<br>b<br/>c<img src=\"x.png\" />d</p>"), #"<p>a<br>b<br>c<img src="x.png">d</p>"#)
    }

    func testSelfClosingSlashOnOrdinaryElementIsIgnoredWithWarning() {
        let result = parse("<span/>text")
        XCTAssertEqual(HTMLSerializer.serialize(result.nodes), "<span>text</span>")
        XCTAssertEqual(result.warnings.map(\.message), [
            "<span/> is not self-closing in HTML; it was read as a start tag",
            "<span> is never closed; it ends with the fragment",
        ])
    }

    func testSelfClosingIsHonouredInsideSVG() {
        XCTAssertEqual(shape(#"<svg><rect width="1"/><animate begin="touchstart"/></svg>"#),
                       #"<svg><rect width="1"></rect><animate begin="touchstart"></animate></svg>"#)
    }

    func testParagraphEndsImplicitlyAtNextBlock() {
        let result = parse("<p>one<p>two<div>three</div>")
        XCTAssertEqual(HTMLSerializer.serialize(result.nodes), "<p>one</p><p>two</p><div>three</div>")
        XCTAssertEqual(result.warnings, [])
    }

    func testListItemsEndImplicitly() {
        XCTAssertEqual(shape("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>"),
                       "<ul><li>a</li><li>b<ul><li>c</li></ul></li><li>d</li></ul>")
    }

    func testTableCellsAndRowsEndImplicitly() {
        XCTAssertEqual(shape("<table><tbody><tr><td>1<td>2<tr><th>3</table>"),
                       "<table><tbody><tr><td>1</td><td>2</td></tr><tr><th>3</th></tr></tbody></table>")
    }

    func testOptionEndsImplicitly() {
        XCTAssertEqual(shape("<select><option>a<option>b</select>"), "<select><option>a</option><option>b</option></select>")
    }

    func testStrayEndTagIsIgnoredWithLocatedWarning() {
        let result = parse("<p>a</span>b</p>\n</div>", line: 10, column: 5)
        XCTAssertEqual(HTMLSerializer.serialize(result.nodes), "<p>ab</p>\n")
        XCTAssertEqual(result.warnings.map(\.location.description), ["post.md:10:9", "post.md:11:1"])
        XCTAssertEqual(result.warnings.first?.message, "stray end tag </span> ignored")
    }

    func testUnclosedInlineElementIsClosedByEnclosingBlockEndWithWarning() {
        let result = parse("<div><em>a</div>")
        XCTAssertEqual(HTMLSerializer.serialize(result.nodes), "<div><em>a</em></div>")
        XCTAssertEqual(result.warnings.map(\.message), ["<em> is closed implicitly by </div>"])
    }

    func testInlineEndTagDoesNotCloseAcrossABlock() {
        let result = parse("<span><div>x</span></div></span>")
        XCTAssertEqual(HTMLSerializer.serialize(result.nodes), "<span><div>x</div></span>")
        XCTAssertEqual(result.warnings.map(\.message), ["stray end tag </span> ignored"])
    }

    func testUnclosedElementAtEndIsReportedAtItsStartTag() {
        let result = parse("text\n  <section>open")
        XCTAssertEqual(result.warnings.map(\.description), ["post.md:2:3: warning: <section> is never closed; it ends with the fragment [html/parse]\n  fix: add </section>"])
    }

    func testCommentsAreKeptAndDoctypeIsDropped() {
        XCTAssertEqual(parse("<!DOCTYPE html><!-- note -->x<!---->").nodes, [.comment(" note "), .text("x"), .comment("")])
    }

    func testDocumentWrappersAreDropped() {
        XCTAssertEqual(shape("<html><body><p>x</p></body></html>"), "<p>x</p>")
    }

    func testScriptAndStyleContentIsRawText() {
        let nodes = parse("<style>p > a { color: red }</style><script>if (a < b && c) {}</script>").nodes
        XCTAssertEqual(nodes, [
            .element(HTMLElement("style", children: [.text("p > a { color: red }")], location: SourceLocation(file: "post.md", line: 1, column: 1))),
            .element(HTMLElement("script", children: [.text("if (a < b && c) {}")], location: SourceLocation(file: "post.md", line: 1, column: 36))),
        ])
    }

    func testNamedEntitiesAreDecoded() {
        XCTAssertEqual(parse("&lt;a&gt; &amp; &quot;q&quot; &apos;&nbsp;&copy;&mdash;&hellip;").nodes,
                       [.text("<a> & \"q\" '\u{A0}©—…")])
    }

    func testNumericEntitiesAreDecodedIncludingWindows1252AndInvalidCodes() {
        XCTAssertEqual(parse("&#20013;&#x6587;&#X1F600;&#150;&#0;&#xD800;").nodes, [.text("中文😀–\u{FFFD}\u{FFFD}")])
    }

    func testUnknownEntitiesAndBareAmpersandsStayLiteral() {
        let result = parse("A & B &bogus; &#; &")
        XCTAssertEqual(result.nodes, [.text("A & B &bogus; &#; &")])
        XCTAssertEqual(result.warnings, [])
    }

    func testLegacyEntityWithoutSemicolonIsDecodedInTextButNotInURLQuery() {
        let result = parse(#"a&nbspb <a href="?x=1&copy=2">l</a>"#)
        XCTAssertEqual(result.nodes.first, .text("a\u{A0}b "))
        XCTAssertEqual(firstElement(result.nodes)?[attribute: "href"], "?x=1&copy=2")
        XCTAssertEqual(result.warnings.map(\.message), ["&nbsp without a semicolon"])
    }

    func testEntitiesInAttributeValuesAreDecoded() {
        XCTAssertEqual(firstElement(parse(#"<a title="&quot;x&quot; &amp; y">t</a>"#).nodes)?[attribute: "title"], #""x" & y"#)
    }

    func testLoneLessThanIsText() {
        XCTAssertEqual(parse("1 < 2 <3").nodes, [.text("1 < 2 <3")])
    }

    func testLocationsCountUnicodeScalarsAndLinesFromTheBase() {
        let result = parse("中文<b>x</b>\r\n  <i>y</i>", line: 7, column: 3)
        guard case .element(let bold) = result.nodes[1], case .element(let italic) = result.nodes[3] else {
            return XCTFail("expected elements, got \(result.nodes)")
        }
        XCTAssertEqual(bold.location?.description, "post.md:7:5")
        XCTAssertEqual(italic.location?.description, "post.md:8:3")
    }

    func testDuplicateAttributeKeepsTheFirst() {
        let result = parse(#"<p style="a:1" style="b:2">x</p>"#)
        XCTAssertEqual(firstElement(result.nodes)?.attributes, [HTMLAttribute("style", "a:1")])
        XCTAssertEqual(result.warnings.count, 1)
    }

    func testTruncatedInputNeverCrashes() {
        let inputs = ["<", "</", "<p", "<p class=\"x", "<!--", "<!-x", "<?x", "&", "&#", "&#x", "<a href='", "<script>x",
                      "<p a=>", "</ p>", "<<>>", "<p =x>", "&#99999999999999;", "<textarea>&amp;", "<svg><g></p>"]
        for input in inputs {
            let result = parse(input)
            _ = HTMLSerializer.serialize(result.nodes)
        }
        XCTAssertEqual(parse("<p class=\"x").nodes, [])
        XCTAssertEqual(parse("&#99999999999999;").nodes, [.text("\u{FFFD}")])
        XCTAssertEqual(parse("<textarea>&amp;").nodes.count, 1)
    }

    func testRandomBytesNeverCrash() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("<>/=\"'&#;!- abcpdivlrtx中\n".unicodeScalars)
        for _ in 0..<2000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 40) { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let result = parse(String(text))
            _ = HTMLSerializer.serialize(result.nodes)
        }
    }
}

final class HTMLParserLimitTests: XCTestCase {
    func testNestingIsCappedLikeBrowsersSoDeepInputCannotExhaustTheStack() {
        let html = String(repeating: "<div>", count: 100_000) + "x"
        let result = HTMLParser.parseFragment(html, file: "deep.html", line: 1, column: 1)
        var depth = 0
        var nodes = result.nodes
        while case .element(let element)? = nodes.first {
            depth += 1
            nodes = element.children
        }
        XCTAssertEqual(depth, 512)
        XCTAssertEqual(result.warnings.filter { $0.message.hasPrefix("elements nest more than 512 deep") }.count, 1)
        XCTAssertFalse(HTMLSerializer.serialize(result.nodes).isEmpty)
    }
}
