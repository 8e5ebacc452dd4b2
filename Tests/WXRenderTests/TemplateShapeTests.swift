import WXContent
import WXHTML
import WXStructure
import WXSupport
import XCTest
@testable import WXRender

/// The article template is parsed and styled once per shape, and each post's values are filled in:
/// the result must be the ordinary path's, byte for byte, location for location.
final class TemplateShapeTests: XCTestCase {
    typealias Written = WrittenArticle

    func theme(_ article: String, partials: [String: String] = [:]) throws -> Theme {
        var files = DefaultTheme.files.mapValues { ($0, "templates") }
        files["article.html"] = (article, "templates")
        for (name, text) in partials { files["partials/\(name).html"] = (text, "templates") }
        return try Theme.make(files: files)
    }

    func values(
        title: String = "Hello", author: String = "Ann", digest: String = "A short digest", references: [Reference] = [], slug: String = "hello",
        frontMatter: [String: YAMLNode] = [:]
    ) -> ArticleTemplateValues {
        ArticleTemplateValues(
            title: title, author: author, digest: digest, account: "Our account", referencesTitle: "参考资料",
            references: references, slug: slug, frontMatter: frontMatter)
    }

    func body(_ writer: inout HTMLWriter, _ keys: [StyleTable.Key]) {
        writer.bytes += Array("<p>body</p>".utf8)
        writer.locations.append(SourceLocation(file: "post.md", line: 3, column: 1))
    }

    func assertSame(_ a: Written, _ b: Written, _ message: String, line: UInt = #line) {
        XCTAssertEqual(a.html, b.html, message, line: line)
        XCTAssertEqual(a.template, b.template, message, line: line)
        XCTAssertEqual(a.locations, b.locations, message, line: line)
        XCTAssertEqual(a.bodyPrefix, b.bodyPrefix, message, line: line)
    }

    func testPlainValuesAreVisibleTextWithoutMarkupQuotesControlsOrDelimiters() {
        for plain in ["Hello", "中文 标题", " x ", "x/y:z", "é", "\u{3000}字"] {
            XCTAssertTrue(TemplateShape.isPlain(plain), plain.debugDescription)
        }
        for other in ["", "   ", "\u{3000}\u{2003}", "a<b", "a>b", "a&b", "say \"hi\"", "it's", "a`b", "a=b", "tab\t", "line\n",
                      "\u{7F}", "a\u{A0}b", "\u{E000}", "x\u{E001}"] {
            XCTAssertFalse(TemplateShape.isPlain(other), other.debugDescription)
        }
    }

    func testPostsThatDifferOnlyInPlainValuesShareOneShape() throws {
        let theme = try theme("<section>{{title}}{{{body}}}{{#references}}<br>[{{number}}] {{url}}{{/references}}</section>")
        let one = values(title: "First", references: [Reference(number: 1, text: "a", url: "https://a.example/1")])
        let two = values(title: "第二篇", references: [Reference(number: 1, text: "b", url: "https://b.example/2")])
        XCTAssertNotNil(theme.writeShaped(values: one, body: body))
        let written = try XCTUnwrap(theme.writeShaped(values: two, body: body))
        XCTAssertEqual(theme.shapes.count, 1)
        XCTAssertEqual(written.html, "<section>第二篇<p>body</p><br>[1] https://b.example/2</section>")
    }

    func testValuesTheTemplateNeverShowsLeaveItsShapeAlone() throws {
        let theme = try theme("<section>{{title}}{{{body}}}</section>")
        XCTAssertNotNil(theme.writeShaped(values: values(title: "One", digest: "Tom's \"quoted\" digest"), body: body))
        XCTAssertNotNil(theme.writeShaped(values: values(title: "Two", digest: "A & B"), body: body))
        XCTAssertEqual(theme.shapes.count, 1)
    }

    func testAnotherReferenceCountIsAnotherShape() throws {
        let theme = try theme("<section>{{{body}}}{{#references}}<br>{{url}}{{/references}}</section>")
        _ = theme.writeShaped(values: values(references: [Reference(number: 1, text: "a", url: "u1")]), body: body)
        _ = theme.writeShaped(values: values(references: [Reference(number: 1, text: "a", url: "u1"), Reference(number: 2, text: "b", url: "u2")]), body: body)
        XCTAssertEqual(theme.shapes.count, 2)
    }

    func testAValueThatLooksLikeMarkupStaysInTheRenderedPage() throws {
        let theme = try theme("<section><h1>{{{title}}}</h1>{{{body}}}<p>{{author}}</p></section>")
        let written = try XCTUnwrap(theme.writeShaped(values: values(title: "<em>A</em> &amp; B"), body: body))
        XCTAssertEqual(written.html, try theme.writeParsed(values: values(title: "<em>A</em> &amp; B"), body: body).html)
        XCTAssertTrue(written.html.contains("<em>A</em> &amp; B"), written.html)
    }

    func testAValueInAClassTakesTheOrdinaryPath() throws {
        let theme = try theme(#"<section class="{{page.kind}}">{{{body}}}</section>"#)
        let kind = values(frontMatter: ["kind": YAMLNode(.string("wide"), line: 1, column: 1)])
        XCTAssertNil(theme.writeShaped(values: kind, body: body))
    }

    func testAValueInACommentOrTagNameTakesTheOrdinaryPath() throws {
        XCTAssertNil(try theme("<section><!-- {{title}} -->{{{body}}}</section>").writeShaped(values: values(), body: body))
        XCTAssertNil(try theme("<section><h{{slug}}>x</h{{slug}}>{{{body}}}</section>").writeShaped(values: values(slug: "2"), body: body))
    }

    func testAValueWithSpacesInAnAttributeTakesTheOrdinaryPath() throws {
        let theme = try theme("<section><p title={{title}}>t</p>{{{body}}}</section>")
        XCTAssertNil(theme.writeShaped(values: values(title: "two words"), body: body))
        XCTAssertNotNil(theme.writeShaped(values: values(title: "one"), body: body))
    }

    func testAValueBeforeAnElementMovesItsColumn() throws {
        let theme = try theme("<section>{{title}}<p>x</p>{{{body}}}</section>")
        let written = try XCTUnwrap(theme.writeShaped(values: values(title: "Twelve chars"), body: body))
        XCTAssertEqual(written.locations[1], SourceLocation(file: "templates/article.html", line: 1, column: 22))
    }

    func testPostsOfOneShapeShareItsKeyWhateverTheirPlainValues() {
        func key(_ values: ArticleTemplateValues) -> TemplateShapeKeyBuilder {
            var builder = TemplateShapeKeyBuilder()
            values.build(bodyMarker: Theme.bodyMarker, ordered: true, into: &builder)
            return builder
        }
        let one = key(values(title: "First", references: [Reference(number: 1, text: "a", url: "https://a.example/1")]))
        let two = key(values(title: "第二篇", references: [Reference(number: 1, text: "b", url: "https://b.example/2")]))
        XCTAssertEqual(one.key, two.key)
        XCTAssertEqual(two.held, ["第二篇", "Ann", "A short digest", "Our account", "hello", "参考资料", "b", "https://b.example/2", "b"])
        XCTAssertNotEqual(key(values(digest: "Tom's digest")).key, key(values(digest: "Ann's digest")).key)
        XCTAssertNotEqual(key(values(references: [])).key, key(values(references: [Reference(number: 1, text: "a", url: "u")])).key)
        XCTAssertNotEqual(key(values(frontMatter: ["a": YAMLNode(.int(1), line: 1, column: 1)])).key, key(values(frontMatter: ["a": YAMLNode(.int(2), line: 1, column: 1)])).key)
    }

    func testATemplateThatFindsNothingForAnyVisibleValuesIsNotCheckedPerPost() throws {
        let theme = try theme("<section>{{title}}{{{body}}}<p>{{author}}</p></section>")
        let written = try XCTUnwrap(theme.writeShaped(values: values(), body: body))
        XCTAssertTrue(written.templateFindsNothing(StructureChecker()))
        let invisible = try XCTUnwrap(theme.writeShaped(values: values(author: "\u{200B}"), body: body))
        XCTAssertFalse(invisible.templateFindsNothing(StructureChecker()), "a value that is not visible text can change the findings")
    }

    func testAPostsRawHTMLIsCheckedAloneWhereTheShapedTemplatePutsIt() throws {
        let theme = try theme("<section>{{title}}<section>{{{body}}}</section><p>{{author}}</p></section>")
        let written = try XCTUnwrap(theme.writeShaped(values: values(title: "Twelve chars"), body: body))
        let known = try XCTUnwrap(written.structureTemplate(StructureChecker()))
        // A fragment element without a location of its own reports at the template's, moved past the title.
        let fragments = [HTMLNode.element(HTMLElement("p", attributes: [HTMLAttribute("style", "text-align: end")], children: [.text("右")]))]
        let alone = StructureChecker().check(fragments: fragments, in: known.template, file: "post.md", bodyLocation: known.location)
        XCTAssertEqual(alone, StructureChecker().check(Theme.splice(template: written.template, body: fragments), file: "post.md"))
        XCTAssertEqual(alone?.map(\.location), [SourceLocation(file: "templates/article.html", line: 1, column: 22)])
    }

    func testATemplateWhoseFindingsWeighItsTextIsCheckedPerPost() throws {
        // Lines below their font size overlap only once the text wraps: a long title does, a short one does not.
        let theme = try theme(#"<section><p style="font-size:20px;line-height:12px">{{title}}</p>{{{body}}}</section>"#)
        let written = try XCTUnwrap(theme.writeShaped(values: values(title: "Short"), body: body))
        XCTAssertTrue(StructureChecker().check(Theme.splice(template: written.template, body: []), file: "post.md").isEmpty)
        XCTAssertFalse(written.templateFindsNothing(StructureChecker()))
        let long = try XCTUnwrap(theme.writeShaped(values: values(title: String(repeating: "很长的标题", count: 20)), body: body))
        XCTAssertEqual(StructureChecker().check(Theme.splice(template: long.template, body: []), file: "post.md").map(\.rule), ["wechat/1.3"])
    }

    func testATemplateWithAFindingIsCheckedPerPost() throws {
        let theme = try theme(#"<section><p style="text-align:end">{{title}}</p>{{{body}}}</section>"#)
        let written = try XCTUnwrap(theme.writeShaped(values: values(), body: body))
        XCTAssertFalse(written.templateFindsNothing(StructureChecker()))
        var lenient = StructureChecker()
        lenient.options.disabledRules = [.textAlign]
        XCTAssertTrue(written.templateFindsNothing(lenient), "each checker's options get their own verdict")
    }

    func testAThemeFileHoldingADelimiterIsNeverShaped() throws {
        let theme = try theme("<section>\u{E000}0\u{E001}{{title}}{{{body}}}</section>")
        XCTAssertNil(theme.writeShaped(values: values(), body: body))
        XCTAssertEqual(try theme.write(values: values(), body: body).html, try theme.writeParsed(values: values(), body: body).html)
    }

    /// Fast path against the ordinary path over varied templates and values.
    func testShapedWritingMatchesTheOrdinaryPath() throws {
        let templates: [(String, [String: String])] = [
            (DefaultTheme.files["article.html"]!, [:]),
            ("<section class=\"article\">\n  <h1>{{title}}</h1>\n  <p>{{author}} · {{page.date}}</p>\n{{{body}}}\n{{#references}}<p>[{{number}}] <a href=\"{{url}}\">{{text}}</a> <span>{{label}}</span></p>{{/references}}\n</section>\n", [:]),
            ("<section>{{{title}}}<p title={{author}}>x</p><p data-x='{{slug}}'>{{{author}}}</p>{{{body}}}</section>", [:]),
            ("<section>{{#author}}<p>{{.}}</p>{{/author}}{{^author}}<p>anon</p>{{/author}}\n  <pre>{{digest}}</pre><style>p { }</style>{{{body}}}<blockquote>{{{body}}}</blockquote></section>", [:]),
            ("<section>\n  {{> by}}\n{{{body}}}\n{{> header}}</section>\r\n<p>{{slug}}</p>", ["by": "<p class=\"byline\">{{author}} {{title}}</p>\n<p>{{account}}</p>\n"]),
            ("<section class=\"{{page.kind}}\">{{title}}{{{body}}}</section>", [:]),
            ("<section><!-- {{title}} -->{{{body}}}<p>{{page.tags}}{{#page.tags}}<b>{{.}}</b>{{/page.tags}}</p></section>", [:]),
            ("<section>{{title}}</section>", [:]),
        ]
        let texts = [
            "Hello", "中文标题 with spaces", "a < b & \"c\"", "   ", "", "x/y", "<b>bold</b>", "tab\there", "line\nbreak",
            "\u{E000}0\u{E001}", "a\u{A0}b", "it's", "é́ combining", "12", "&amp;", "a=b",
        ]
        var shaped = 0
        for (index, (article, partials)) in templates.enumerated() {
            for (n, text) in texts.enumerated() {
                let references = (0..<(n % 3)).map { Reference(number: $0 + 1, text: n % 2 == 0 ? text : "u\($0)", url: "https://x.example/\($0)/\(text)") }
                let front: [String: YAMLNode] = [
                    "kind": YAMLNode(.string(n % 2 == 0 ? "wide" : text), line: 1, column: 1),
                    "date": YAMLNode(.date(year: 2026, month: 1, day: n + 1), line: 1, column: 1),
                    "tags": YAMLNode(.sequence([YAMLNode(.string(text), line: 1, column: 1), YAMLNode(.string("b"), line: 1, column: 1)]), line: 1, column: 1),
                ]
                let post = values(title: text, author: texts[(n + 5) % texts.count], references: references, slug: "s\(n)", frontMatter: front)
                // Each theme twice over the values: shapes made, then shapes reused.
                let theme = try self.theme(article, partials: partials)
                for round in 0..<2 {
                    let message = "template \(index), value \(n) \(text.debugDescription), round \(round)"
                    let parsed: Written
                    do { parsed = try theme.writeParsed(values: post, body: body) } catch {
                        XCTAssertThrowsError(try theme.write(values: post, body: body), message)
                        continue
                    }
                    assertSame(try theme.write(values: post, body: body), parsed, message)
                    if theme.writeShaped(values: post, body: body) != nil { shaped += 1 }
                }
            }
        }
        // Both paths were compared, not only the ordinary one.
        XCTAssertGreaterThan(shaped, 100)
    }
}
