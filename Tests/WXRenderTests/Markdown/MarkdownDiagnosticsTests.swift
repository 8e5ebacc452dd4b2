import WXContent
import XCTest

@testable import WXRender

/// Findings about things inside tables and footnotes point at the post's own `line:col`, and
/// the footnote and emphasis findings reach the compiled post's diagnostics.
final class MarkdownDiagnosticsTests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    private func diagnostics(_ markdown: String, config: SiteConfig? = nil) -> [String] {
        let (_, body) = renderBody(site.post(markdown, bodyStartLine: 8), site: config ?? site.config())
        return body.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.rule ?? $0.severity.rawValue)" }
    }

    func testAMissingImageInATableCellIsReportedAtTheCell() {
        XCTAssertEqual(diagnostics("| 图 | 说明 |\n| - | - |\n| ![图](nope.png) | 缺 |"), ["10:3 render/image"])
    }

    func testAMissingImageInAFootnoteIsReportedInTheNote() {
        XCTAssertEqual(diagnostics("正文[^1]\n\n[^1]: 注释\n\n    第二段 ![图](nope.png)"), ["12:9 render/image"])
    }

    func testAnUndefinedFootnoteIsAWarningAtItsLabel() {
        XCTAssertEqual(diagnostics("第一段\n\n中文[^无]结束"), ["10:3 markdown/footnote"])
    }

    func testAnUnusedFootnoteIsAWarningAtItsDefinition() {
        XCTAssertEqual(diagnostics("正文\n\n[^旧]: 没有引用"), ["10:1 markdown/footnote"])
    }

    func testLiteralMarkersWarnOnlyWithoutTheCJKRules() {
        XCTAssertEqual(diagnostics("**注意：**后文"), [])
        var plain = site.config()
        plain.cjkFriendly = false
        XCTAssertEqual(diagnostics("**注意：**后文", config: plain), ["8:6 markdown/emphasis"])
    }
}
