import Foundation
import WXHTML
import WXStructure
import WXSupport
import XCTest

final class ThemeCheckTests: XCTestCase {
    private func at(_ line: Int) -> SourceLocation { SourceLocation(file: "templates/theme.css", line: line, column: 3) }

    func testFontFamilyInTheThemeIsAWarningAtItsLine() {
        let findings = StructureChecker().checkStylesheet([
            ThemeDeclaration(selector: "p", property: "color", value: "#333", location: at(2)),
            ThemeDeclaration(selector: "body", property: "font-family", value: "Georgia, serif", location: at(5)),
        ])
        XCTAssertEqual(findings.map(\.location), [at(5)])
        XCTAssertEqual(findings.map(\.severity), [.warning])
        XCTAssertEqual(findings.map(\.rule), ["wechat/3"])
        XCTAssertTrue(findings[0].message.contains("Georgia, serif"))
    }

    func testImportantAndTextAlignStart() {
        let findings = StructureChecker().checkStylesheet([
            ThemeDeclaration(selector: "h2", property: "color", value: "#333", important: true, location: at(3)),
            ThemeDeclaration(selector: "td", property: "text-align", value: "start", location: at(8)),
        ])
        XCTAssertEqual(findings.map(\.rule), ["wechat/4.5.2", "wechat/1.6"])
        XCTAssertEqual(findings.map(\.severity), [.warning, .error])
    }

    func testWideWidthsExceptOnImages() {
        let findings = StructureChecker().checkStylesheet([
            ThemeDeclaration(selector: "table", property: "width", value: "600px", location: at(1)),
            ThemeDeclaration(selector: "figure img", property: "width", value: "677px", location: at(2)),
            ThemeDeclaration(selector: "pre", property: "max-width", value: "100%", location: at(3)),
        ])
        XCTAssertEqual(findings.map(\.location), [at(1)])
    }

    func testASafeThemeIsClean() {
        XCTAssertEqual(StructureChecker().checkStylesheet([
            ThemeDeclaration(selector: "p", property: "line-height", value: "1.75", location: at(1)),
            ThemeDeclaration(selector: "p", property: "text-align", value: "justify", location: at(2)),
            ThemeDeclaration(selector: "img", property: "max-width", value: "100%", location: at(3)),
        ]), [])
    }
}

final class StructureReportTests: XCTestCase {
    private let html = #"<section><div style="height: 0;">Invisible Element</div><p style="font-family: serif">字</p></section>"#

    private func report() -> StructureReport {
        let nodes = HTMLParser.parseFragment(html, file: "a.html").nodes
        return StructureReport(findings: StructureChecker().findings(in: nodes, file: "a.html"))
    }

    func testFindingsBecomeTheOnlineCheckResponse() throws {
        let json = String(decoding: try report().jsonData(), as: UTF8.self)
        XCTAssertEqual(json, #"{"inValidInfo":{"height":{"items":[{"outerHTML":"<div style=\"height: 0;\">Invisible Element</div>"}],"violateRules":"页面height设置错误，导致有元素不可见"}},"isValid":false}"#)
    }

    func testValidContentHasAnEmptyInValidInfo() throws {
        let nodes = HTMLParser.parseFragment("<p>正文</p>", file: "a.html").nodes
        let report = StructureReport(findings: StructureChecker().findings(in: nodes, file: "a.html"))
        XCTAssertEqual(String(decoding: try report.jsonData(), as: UTF8.self), #"{"inValidInfo":{},"isValid":true}"#)
    }

    func testDecodesThePlatformsDocumentedExample() throws {
        let body = #"{"isValid": false, "inValidInfo": {"height": {"violateRules": "页面height设置错误，导致有元素不可见", "items": [{"outerHTML": "<div style='height: 0;'>Invisible Element</div>"}]}}}"#
        let decoded = try JSONDecoder().decode(StructureReport.self, from: Data(body.utf8))
        XCTAssertFalse(decoded.isValid)
        XCTAssertEqual(decoded.inValidInfo["height"]?.items.first?.outerHTML, "<div style='height: 0;'>Invisible Element</div>")
        XCTAssertEqual(try JSONDecoder().decode(StructureReport.self, from: Data(#"{"isValid": true}"#.utf8)).inValidInfo, [:])
    }

    func testRemoteFindingsAreLocatedAndDeduplicatedAgainstLocalOnes() {
        let source = "<section>\n  <div style=\"width: 500px;\">宽</div>\n  <div style=\"height: 0;\">Invisible Element</div>\n</section>"
        let nodes = HTMLParser.parseFragment(source, file: "post.md", line: 10).nodes
        let remote = StructureReport(isValid: false, inValidInfo: [
            "width": .init(violateRules: "宽度", items: [.init(outerHTML: #"<div style="width: 500px;">宽</div>"#)]),
            "height": .init(violateRules: "高度", items: [.init(outerHTML: #"<div style="height: 0;">Invisible Element</div>"#)]),
            "future-rule": .init(violateRules: "新规则", items: [.init(outerHTML: "<p>unknown</p>")]),
        ])
        let local = [Diagnostic.error(at: SourceLocation(file: "post.md", line: 12, column: 3), "local", rule: "wechat/1.5.1")]
        let merged = remote.diagnostics(locatingIn: nodes, file: "post.md", excluding: local)
        XCTAssertEqual(merged.map { "\($0.location) \($0.rule ?? "")" }, [
            "post.md:1:1 wechat/remote:future-rule",
            "post.md:11:3 wechat/1.4",
        ])
    }
}

final class VerifyEndpointTests: XCTestCase {
    func testVerifyAnswersTheDocumentedRequestExample() throws {
        let request = try JSONDecoder().decode(StructureVerifyRequest.self, from: Data(#"{"content": "<html><body><div style='height: 0;'>Invisible Element</div></body></html>"}"#.utf8))
        let report = StructureChecker().verify(content: request.content)
        XCTAssertFalse(report.isValid)
        XCTAssertEqual(Array(report.inValidInfo.keys), ["height"])
        XCTAssertEqual(report.inValidInfo["height"]?.items.count, 1)
        XCTAssertTrue(report.inValidInfo["height"]?.items.first?.outerHTML.hasPrefix("<div style=\"height: 0;\">") ?? false)
    }

    func testGoodContentIsValid() {
        XCTAssertEqual(StructureChecker().verify(content: "<p style=\"line-height: 1.6\">正文</p>"), StructureReport(isValid: true, inValidInfo: [:]))
    }
}
