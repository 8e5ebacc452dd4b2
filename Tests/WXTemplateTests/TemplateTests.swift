import Foundation
import WXSupport
import WXTemplate
import XCTest

final class TemplateTests: XCTestCase {
    private func render(_ source: String, _ context: TemplateValue, partials: [String: String] = [:]) throws(DiagnosticError) -> String {
        var parsed: [String: Template] = [:]
        for (name, text) in partials { parsed[name] = try Template.parse(text, name: "partials/\(name).html") }
        return try Template.parse(source, name: "article.html").render(context, partials: parsed)
    }

    /// The single diagnostic thrown by parsing or rendering, as written to the terminal.
    private func failure(_ source: String, _ context: TemplateValue = [:], partials: [String: String] = [:]) -> String? {
        do throws(DiagnosticError) {
            _ = try render(source, context, partials: partials)
            return nil
        } catch {
            return error.diagnostics.map { "\($0.location): \($0.message)" }.joined(separator: "\n")
        }
    }

    func testArticleShapedTemplate() throws {
        let source = """
        <section>
          <h1>{{title}}</h1>
          {{#author}}
          <p>{{author}} · {{account}}</p>
          {{/author}}
          {{{body}}}
          {{> footer}}
        </section>
        """
        let output = try render(source, ["title": "A & B", "author": "小王", "account": "wxpub", "body": "<p>x</p>"],
                                partials: ["footer": "<p>关注 {{account}}</p>\n"])
        XCTAssertEqual(output, "<section>\n  <h1>A &amp; B</h1>\n  <p>小王 · wxpub</p>\n  <p>x</p>\n  <p>关注 wxpub</p>\n</section>")
    }

    func testEmptyStringAndZeroAreFalsey() throws {
        XCTAssertEqual(try render("{{#digest}}has{{/digest}}{{^digest}}none{{/digest}}", ["digest": ""]), "none")
        XCTAssertEqual(try render("{{#count}}has{{/count}}{{^count}}none{{/count}}", ["count": 0]), "none")
        XCTAssertEqual(try render("{{#map}}yes{{/map}}", ["map": [:]]), "yes")
    }

    func testNumbersPrintWithoutTrailingZero() throws {
        XCTAssertEqual(try render("{{a}} {{b}} {{c}}", ["a": 85, "b": 1.5, "c": -3.0]), "85 1.5 -3")
    }

    func testSetDelimiterTagIsRejectedAtItsLocation() {
        XCTAssertEqual(failure("line one\n  {{=<% %>=}}\n"), "article.html:2:3: set-delimiter tags ({{=…=}}) are not supported")
    }

    func testUnclosedSectionIsAnErrorAtItsOpeningTag() {
        XCTAssertEqual(failure("a\n中文{{#list}}x"), "article.html:2:3: section {{#list}} is never closed")
    }

    func testMismatchedCloseNamesBothTags() {
        XCTAssertEqual(failure("{{#a}}{{#b}}{{/a}}{{/b}}"), "article.html:1:13: {{/a}} does not match the open section {{#b}} at 1:7")
    }

    func testStrayCloseIsAnError() {
        XCTAssertEqual(failure("x {{/a}}"), "article.html:1:3: {{/a}} closes a section that was never opened")
    }

    func testUnterminatedTagIsAnError() {
        XCTAssertEqual(failure("{{title"), "article.html:1:1: {{ is never closed")
        XCTAssertEqual(failure("{{{body}}"), "article.html:1:1: {{{ is never closed")
    }

    func testNamesWithSpacesOrEmptyPartsAreErrors() {
        XCTAssertEqual(failure("{{a b}}"), "article.html:1:1: 'a b' is not a name: names contain no spaces")
        XCTAssertEqual(failure("{{a..b}}"), "article.html:1:1: 'a..b' is not a valid dotted name")
        XCTAssertEqual(failure("{{ }}"), "article.html:1:1: tag without a name")
    }

    func testTemplateInheritanceIsRejected() {
        XCTAssertEqual(failure("{{<parent}}{{/parent}}"), "article.html:1:1: template inheritance ({{<…}}, {{$…}}) is not supported")
    }

    func testInterpolatingAListIsAnErrorThatSuggestsASection() {
        XCTAssertEqual(failure("{{title}}\n{{tags}}", ["title": "t", "tags": ["a", "b"]]), "article.html:2:1: {{tags}} is a list, which has no text")
    }

    func testPartialRecursionWithoutEndIsAnError() {
        XCTAssertEqual(failure("{{>loop}}", partials: ["loop": "x{{>loop}}"]),
                       "partials/loop.html:1:2: partials nest more than 64 deep at {{> loop}}")
    }

    func testSelfIncludingPartialFailsAtTheDepthCap() {
        XCTAssertEqual(failure("{{>twice}}", partials: ["twice": "{{>twice}}{{>twice}}"]),
                       "partials/twice.html:1:1: partials nest more than 64 deep at {{> twice}}")
    }

    func testExplodingPartialsFailAtTheInclusionCapInsteadOfHanging() {
        let partials = ["a": "b", "b": "c", "c": "d", "d": "e", "e": "f"].mapValues { String(repeating: "{{>\($0)}}", count: 10) }
        let message = failure("{{>a}}", partials: partials.merging(["f": "x"]) { first, _ in first })
        // 1 + 9 × 11,111 inclusions happen before a's tenth {{>b}}, which is the 100,001st.
        XCTAssertEqual(message, "partials/a.html:1:55: partials were included more than 100000 times; stopped at {{> b}}")
    }

    func testMissingPartialRendersNothing() throws {
        XCTAssertEqual(try render("[{{>missing}}]", [:]), "[]")
    }

    func testNestedStandalonePartialsAccumulateIndentation() throws {
        let output = try render("<div>\n  {{>outer}}\n</div>\n", ["v": "a\nb"],
                                partials: ["outer": "<ul>\n  {{>inner}}\n</ul>\n", "inner": "<li>{{v}}</li>\n<li>2</li>\n"])
        XCTAssertEqual(output, "<div>\n  <ul>\n    <li>a\nb</li>\n    <li>2</li>\n  </ul>\n</div>\n")
    }

    func testTemplateValueDecodesFromJSON() throws {
        let value = try JSONDecoder().decode(TemplateValue.self, from: Data(#"{"a": [true, 1, 2.5, "s", null, {}]}"#.utf8))
        XCTAssertEqual(value, ["a": [true, 1, 2.5, "s", nil, [:]]])
    }
}

final class TemplateRobustnessTests: XCTestCase {
    /// Any input either renders or throws located diagnostics; nothing traps.
    func testRandomInputNeverCrashes() {
        var state: UInt64 = 11
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let alphabet = Array("{{}}#^/!>&=.a b\n\r\t中".unicodeScalars)
        let context: TemplateValue = ["a": ["b": "x"], "b": [1, 2], ".": true]
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 40) { text.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
            do throws(DiagnosticError) {
                let template = try Template.parse(String(text), name: "fuzz")
                _ = try template.render(context, partials: ["a": template])
            } catch {
                XCTAssertFalse(error.diagnostics.isEmpty)
            }
        }
    }
}
