import WXHTML
import WXSupport
import WXTestSupport
import XCTest

final class StylesheetTests: XCTestCase {
    private func sheet(_ css: String) throws(DiagnosticError) -> Stylesheet {
        try Stylesheet.parse(css, file: "templates/theme.css")
    }

    private func inline(_ css: String, _ html: String) throws -> String {
        HTMLSerializer.serialize(try sheet(css).inline(into: HTMLParser.parseFragment(html, file: "post.md").nodes))
    }

    /// The diagnostics `parse` throws, as `line:col: message`.
    private func errors(_ css: String) -> [String] {
        do throws(DiagnosticError) {
            _ = try sheet(css)
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }

    // MARK: Parsing

    func testParsesRulesSelectorsAndDeclarationsWithLocations() throws {
        let stylesheet = try sheet("p, section > p.note {\n  color: red;\n  margin: 0 auto !important\n}")
        XCTAssertEqual(stylesheet.rules.count, 1)
        let rule = stylesheet.rules[0]
        XCTAssertEqual(rule.selectors.map(\.text), ["p", "section > p.note"])
        XCTAssertEqual(rule.selectors.map(\.specificity), [.init(ids: 0, classes: 0, types: 1), .init(ids: 0, classes: 1, types: 2)])
        XCTAssertEqual(rule.declarations.map(\.description), ["color: red", "margin: 0 auto !important"])
        XCTAssertEqual(rule.declarations.map { $0.location?.description }, ["templates/theme.css:2:3", "templates/theme.css:3:3"])
        XCTAssertEqual(rule.location.description, "templates/theme.css:1:1")
    }

    func testPropertyNamesAreLowerCasedAndValuesKeptVerbatim() throws {
        let rule = try sheet("P { COLOR : #FFF ;  font-family: \"PingFang SC\",  serif  }").rules[0]
        XCTAssertEqual(rule.declarations.map(\.description), [#"color: #FFF"#, #"font-family: "PingFang SC",  serif"#])
        XCTAssertEqual(rule.selectors.first?.compounds.first?.tag, "p")
    }

    func testAtRuleIsAnErrorNamingFileLineAndColumn() {
        do throws(DiagnosticError) {
            _ = try sheet("p { color: red }\n  @media (max-width: 600px) { p { color: blue } }\n")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.diagnostics.map(\.description), [
                "templates/theme.css:2:3: error: at-rule @media is not supported in a WeChat theme [theme/css]\n"
                    + "  fix: styles are inlined into each element, so @media cannot apply; move its rules out of it or delete it",
            ])
        }
    }

    func testStatementAtRulesAreErrorsToo() {
        XCTAssertEqual(errors("@import url(x.css);\n@charset \"utf-8\";\np { color: red }"), [
            "1:1: at-rule @import is not supported in a WeChat theme",
            "2:1: at-rule @charset is not supported in a WeChat theme",
        ])
    }

    func testPseudoClassIsAnError() {
        XCTAssertEqual(errors("p a:hover { color: red }"), ["1:4: pseudo-classes and pseudo-elements (:hover) are not supported"])
        XCTAssertEqual(errors("p::before { content: 'x' }"), ["1:2: pseudo-classes and pseudo-elements (::before) are not supported"])
    }

    func testAttributeSelectorIsAnError() {
        XCTAssertEqual(errors("a[href] { color: red }"), ["1:2: attribute selectors are not supported"])
    }

    func testSiblingCombinatorsAreErrors() {
        XCTAssertEqual(errors("h1 + p { margin: 0 }\nh1 ~ p { margin: 0 }"), [
            "1:4: the sibling combinator '+' is not supported",
            "2:4: the sibling combinator '~' is not supported",
        ])
    }

    func testMalformedDeclarationsAndBlocksAreErrors() {
        XCTAssertEqual(errors("p { color red }"), ["1:11: expected ':' after property 'color'"])
        XCTAssertEqual(errors("p { color: }"), ["1:10: property 'color' has no value"])
        XCTAssertEqual(errors("p, { color: red }"), ["1:3: empty selector"])
        XCTAssertEqual(errors("p > { color: red }"), ["1:3: selector ends with a combinator"])
        XCTAssertEqual(errors("p { color: red"), ["1:3: rule is never closed"])
        XCTAssertEqual(errors("}"), ["1:1: unexpected '}'"])
        XCTAssertEqual(errors("p { a { color: red } }"), ["1:7: nested blocks are not supported"])
        XCTAssertEqual(errors("/* open"), ["1:1: comment is never closed"])
    }

    func testAllErrorsInAFileAreReportedTogether() {
        XCTAssertEqual(errors("a:hover { x: y }\np { color: red }\n@font-face { font-family: x }\nli + li { margin: 0 }").count, 3)
    }

    func testEmptyDeclarationsAndCommentsAreFine() throws {
        let rule = try sheet("/* c */ p /* c */ { ; color: red;; /* c */ }").rules[0]
        XCTAssertEqual(rule.declarations.map(\.description), ["color: red"])
    }

    // MARK: Inlining

    func testInliningWritesStylesAndRemovesClassAndID() throws {
        XCTAssertEqual(try inline(".a { color: red }", #"<p class="a" id="x" title="t">x</p><span class="b">y</span>"#),
                       #"<p title="t" style="color: red">x</p><span>y</span>"#)
    }

    func testOrderFollowsFirstAppearanceInTheCascadeWithWinningValues() throws {
        // p (0,0,1) comes before .a (0,1,0) whatever the source order; the element's own style is last.
        XCTAssertEqual(try inline(".a { color: blue; padding: 1px } p { color: red; margin: 0 }",
                                  #"<p class="a" style="text-align: center; margin: 2px">x</p>"#),
                       #"<p style="color: blue; margin: 2px; padding: 1px; text-align: center">x</p>"#)
    }

    func testExistingStyleAttributeKeepsItsPlaceAmongAttributes() throws {
        XCTAssertEqual(try inline("img { display: block }", #"<img style="width: 50%" src="a.png">"#),
                       #"<img style="display: block; width: 50%" src="a.png">"#)
    }

    func testElementWithNoDeclarationsLosesAnEmptyStyleAttribute() throws {
        XCTAssertEqual(try inline("p { color: red }", #"<span style=" ">x</span>"#), "<span>x</span>")
    }

    func testImportantInThemeBeatsNormalInlineStyleAndIsKept() throws {
        XCTAssertEqual(try inline("p { color: red !important }", #"<p style="color: blue">x</p>"#),
                       #"<p style="color: red !important">x</p>"#)
    }

    func testDescendantSelectorBacktracksThroughAncestors() throws {
        XCTAssertEqual(try inline("section > div p { color: red }", "<section><div><div><p>x</p></div></div></section><div><p>y</p></div>"),
                       #"<section><div><div><p style="color: red">x</p></div></div></section><div><p>y</p></div>"#)
    }

    func testDeclarationsForPathGivesTheCascadedThemeStyle() throws {
        let stylesheet = try sheet("p { color: red; margin: 0 } blockquote p { color: gray }")
        let path = [HTMLElement("blockquote"), HTMLElement("p")]
        XCTAssertEqual(stylesheet.declarations(for: path).map(\.description), ["color: gray", "margin: 0"])
        XCTAssertEqual(stylesheet.declarations(for: [HTMLElement("p")]).map(\.description), ["color: red", "margin: 0"])
    }

    func testTextCommentsAndNestedChildrenArePreserved() throws {
        XCTAssertEqual(try inline("em { color: red }", "<!-- c -->a<p>b<em>c</em>d</p>"),
                       #"<!-- c -->a<p>b<em style="color: red">c</em>d</p>"#)
    }

    // MARK: style attributes

    func testStyleAttributeParsingIsLenientAndRespectsParentheses() {
        let declarations = CSSDeclaration.parseStyleAttribute("color: red; bogus; background: url(data:image/png;base64,AA==) ; : x; width:10px !IMPORTANT")
        XCTAssertEqual(declarations.map(\.description), ["color: red", "background: url(data:image/png;base64,AA==)", "width: 10px !important"])
    }

    func testCascadedResolvesDuplicatesWithinOneStyle() {
        let declarations = CSSDeclaration.parseStyleAttribute("color: red !important; margin: 1px; color: blue; margin: 2px")
        XCTAssertEqual(CSSDeclaration.cascaded(declarations).map(\.description), ["color: red !important", "margin: 2px"])
    }
}

final class StylesheetRobustnessTests: XCTestCase {
    /// Any input either parses or throws located diagnostics; nothing traps.
    func testRandomInputNeverCrashes() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("p.a#b >+~*:[]{}();,!/*\"' \n@-important中".unicodeScalars)
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 48) { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            do {
                let sheet = try Stylesheet.parse(String(text), file: "fuzz.css")
                _ = sheet.inline(into: HTMLParser.parseFragment(#"<p class="a" id="b"><a>x</a></p>"#, file: "f").nodes)
            } catch {
                XCTAssertFalse(error.diagnostics.isEmpty)
                XCTAssertTrue(error.diagnostics.allSatisfy { $0.location.file == "fuzz.css" && $0.location.line >= 1 && $0.location.column >= 1 })
            }
            _ = CSSDeclaration.parseStyleAttribute(String(text))
        }
    }
}
