import WXHTML
import WXStructure
import WXSupport
import XCTest

/// A post's raw HTML checked by itself in the context its template gives it finds exactly what
/// checking the whole page finds, or says it cannot know (nil) and the page is checked whole.
final class StructureTemplateTests: XCTestCase {
    private let mark = HTMLNode.comment(StructureTemplate.bodyMark)

    private func template(_ html: String) -> [HTMLNode] {
        HTMLParser.parseFragment(html.replacingOccurrences(of: "{{{body}}}", with: "<!--\(StructureTemplate.bodyMark)-->"), file: "article.html").nodes
    }

    private func fragments(_ html: String) -> [HTMLNode] {
        HTMLParser.parseFragment(html, file: "post.md").nodes
    }

    /// The template with `body` where its mark is: the tree the page is checked as.
    private func splice(_ nodes: [HTMLNode], _ body: [HTMLNode]) -> [HTMLNode] {
        nodes.flatMap { node -> [HTMLNode] in
            switch node {
            case .comment(StructureTemplate.bodyMark): return body
            case .element(var element):
                element.children = splice(element.children, body)
                return [.element(element)]
            default: return [node]
            }
        }
    }

    private func checkedAlone(_ page: [HTMLNode], _ body: [HTMLNode], _ checker: StructureChecker = StructureChecker()) -> [Diagnostic]? {
        checker.check(fragments: body, in: checker.template(page), file: "post.md", bodyLocation: { $0 })
    }

    private let article = """
        <section class="article" style="font-size: 16px; line-height: 1.75; color: #333333; background-color: #fafafa; padding: 0 8px">\
        {{{body}}}<section class="footer">— 完 —<br>关注</section></section>
        """

    func testFragmentsAloneFindWhatTheWholePageFinds() throws {
        let page = template(article)
        let corpus = try SpecCorpus.load()
        var compared = 0
        for (kind, ids) in [("badcases", corpus.badcases.map(\.id)), ("goodcases", try corpus.allGoodcaseIDs())] {
            for id in ids {
                let body = HTMLParser.parseFragment(try corpus.html(kind, id), file: "post.md").nodes
                let whole = StructureChecker().check(splice(page, body), file: "post.md")
                guard let alone = checkedAlone(page, body) else { continue }
                XCTAssertEqual(alone, whole, id)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 10)
    }

    func testFragmentsInheritTheTemplatesColoursAndSizes() {
        let page = template(#"<section style="background-color: #777777; font-size: 12px">{{{body}}}<p>尾</p></section>"#)
        let body = fragments(#"<p style="color: #888888">灰字</p><section style="height: 6px">"# + String(repeating: "字", count: 40) + "</section>")
        let alone = checkedAlone(page, body)
        XCTAssertEqual(alone?.map(\.rule), ["wechat/4.1.1", "wechat/1.5.2"])
        XCTAssertEqual(alone, StructureChecker().check(splice(page, body), file: "post.md"))
    }

    func testFindingsKeepTheirDocumentOrderAndLocations() {
        let page = template(article)
        let body = fragments("<p style=\"text-align: end\">一</p>\n<p style=\"width: 900px\">二</p>\n<p><span style=\"font-family: Arial\">三</span></p>")
        let alone = checkedAlone(page, body)
        XCTAssertEqual(alone?.map(\.location.line), [1, 2, 3])
        XCTAssertEqual(alone, StructureChecker().check(splice(page, body), file: "post.md"))
    }

    func testElementsWithoutLocationTakeTheTemplatesMovedLocation() {
        let page = template("<section>\n  <section>{{{body}}}<p>尾</p></section></section>")
        let body = [HTMLNode.element(HTMLElement("p", attributes: [HTMLAttribute("style", "text-align: start")], children: [.text("无位置")]))]
        let moved = StructureChecker().check(fragments: body, in: StructureChecker().template(page), file: "post.md") {
            SourceLocation(file: $0.file, line: $0.line, column: $0.column + 5)
        }
        XCTAssertEqual(moved?.map(\.location), [SourceLocation(file: "article.html", line: 2, column: 8)])
    }

    func testATemplateThatFindsSomethingIsCheckedWhole() {
        let page = template(#"<section style="text-align: start">{{{body}}}<p>尾</p></section>"#)
        XCTAssertFalse(StructureChecker().template(page).findsNothing)
        XCTAssertNil(checkedAlone(page, fragments("<p>正文</p>")))
    }

    func testABodyWhoseTextATemplateElementWeighsIsCheckedWhole() {
        for wrapper in [
            #"<section style="height: 300px; overflow: hidden">"#,
            #"<section style="background: linear-gradient(#ffffff, #eeeeee)">"#,
            #"<section style="margin-left: 200px">"#,
            #"<section nodeleaf="">"#,
        ] {
            let page = template(wrapper + "{{{body}}}<p>尾</p></section>")
            XCTAssertNil(checkedAlone(page, fragments("<p>正文</p>")), wrapper)
        }
    }

    func testABodyHiddenByTheTemplateIsCheckedWhole() {
        let page = template(#"<section style="display: none">{{{body}}}</section><p>尾</p>"#)
        XCTAssertNil(checkedAlone(page, fragments(#"<p style="text-align: end">藏</p>"#)))
    }

    func testFragmentLinesOverlappingUnderTheTemplatesLineHeightAreCheckedWhole() {
        let page = template(#"<section style="line-height: 24px">{{{body}}}<p>尾</p></section>"#)
        let body = fragments(#"<p style="font-size: 40px">"# + String(repeating: "大字", count: 60) + "</p>")
        XCTAssertNil(checkedAlone(page, body))
        XCTAssertEqual(StructureChecker().check(splice(page, body), file: "post.md").map(\.rule), ["wechat/1.3"])
    }

    func testASingleFragmentThatWouldContinueATemplatesNestingChainIsCheckedWhole() {
        let page = template("<section><section>{{{body}}}</section></section>")
        XCTAssertNil(checkedAlone(page, fragments("<section><p>一</p></section>")))
        for body in ["<p>一</p>", "<p>一</p><p>二</p>", "<section>一</section><p>二</p>"] {
            XCTAssertEqual(checkedAlone(page, fragments(body)), StructureChecker().check(splice(page, fragments(body)), file: "post.md"), body)
        }
    }

    func testABodyInTwoPlacesIsCheckedWhole() {
        XCTAssertNil(checkedAlone(template("<section>{{{body}}}<hr>{{{body}}}</section>"), fragments("<p>一</p>")))
    }

    func testDarkModeOfFragmentsAloneFindsWhatTheWholePageFinds() {
        let page = template(#"<section style="color: #333333; padding: 4px">{{{body}}}<p>尾</p></section>"#)
        let body = fragments("<p style=\"color: #5a5a5a\">灰色</p>\n<section style=\"background-color: #f0f0f0\"><p style=\"color: #5a5a5a\">灰</p></section>")
        let checker = StructureChecker()
        let whole = checker.checkDarkMode(document: splice(page, body), file: "post.md", themeColours: ["#333333"])
        XCTAssertFalse(whole.isEmpty)
        XCTAssertEqual(checker.checkDarkMode(fragments: body, in: checker.template(page), file: "post.md", themeColours: ["#333333"]), whole)
    }
}
