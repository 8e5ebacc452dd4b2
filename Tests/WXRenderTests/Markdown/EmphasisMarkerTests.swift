import WXSupport
import XCTest

@testable import WXRender

/// `markdown/emphasis`: `**`/`__` the reader would see. Plain CommonMark leaves them literal
/// next to CJK punctuation; with the CJK-friendly rules (the default) the same markers work, and
/// the warning is left for markers that stay literal under the amended rules too.
final class EmphasisMarkerTests: XCTestCase {
    private func check(_ markdown: String, cjkFriendly: Bool, firstLine: Int = 1) -> [Diagnostic] {
        let document = MarkdownParser.parse(markdown, options: MarkdownOptions(cjkFriendly: cjkFriendly))
        return EmphasisMarkers.report(
            document.delimiterRuns, sourceMap: SourceMap(file: "post.md", body: markdown, bodyStartLine: firstLine),
            cjkFriendly: cjkFriendly)
    }

    func testPlainCommonMarkReportsTheClosingMarkerAfterCJKPunctuation() {
        let findings = check("前言\n\n**注意：**后文", cjkFriendly: false)
        XCTAssertEqual(findings.map(\.location), [SourceLocation(file: "post.md", line: 3, column: 6)])
        XCTAssertEqual(findings.first?.severity, .warning)
        XCTAssertEqual(findings.first?.rule, "markdown/emphasis")
        XCTAssertTrue(findings.first?.message.contains("`：`") ?? false, findings.first?.message ?? "")
        XCTAssertTrue(findings.first?.fix?.contains("cjk_friendly: true") ?? false)
    }

    func testCJKFriendlyRulesMakeTheSameMarkersWork() {
        XCTAssertEqual(check("前言\n\n**注意：**后文", cjkFriendly: true), [])
        XCTAssertEqual(check("他说**「注意」**然后", cjkFriendly: true), [])
        XCTAssertEqual(check("正因为**……风险。**何况", cjkFriendly: true), [])
    }

    func testPlainCommonMarkReportsBothMarkersAroundCJKQuotes() {
        let findings = check("他说**「注意」**然后", cjkFriendly: false)
        XCTAssertEqual(findings.map(\.location.column), [3, 9])
        XCTAssertTrue(findings[0].message.contains("cannot open"), findings[0].message)
        XCTAssertTrue(findings[1].message.contains("cannot close"), findings[1].message)
    }

    func testMarkersLiteralUnderTheAmendedRulesAreStillReported() {
        // A letter before `**(`: no rule lets it open, CJK or not.
        XCTAssertEqual(check("a**(b)**c", cjkFriendly: true).map(\.location.column), [2, 7])
        // `__` closes only before punctuation or white space (rule 8 is not amended).
        XCTAssertEqual(check("__注意：__后文", cjkFriendly: true).map(\.location.column), [6])
    }

    func testWorkingEmphasisIsNotReported() {
        for cjk in [false, true] {
            XCTAssertEqual(check("**注意**：后文，*斜体*，__下划线__ and **bold**.", cjkFriendly: cjk), [])
            XCTAssertEqual(check("**注意：** 后文", cjkFriendly: cjk), [])
        }
    }

    func testCodeIsNotProse() {
        XCTAssertEqual(check("`**注意：**后文`", cjkFriendly: false), [])
        XCTAssertEqual(check("```\n**注意：**后文\n```", cjkFriendly: false), [])
        XCTAssertEqual(check("para\n\n    **注意：**后文", cjkFriendly: false), [])
        XCTAssertEqual(check("<p>**注意：**后文</p>", cjkFriendly: false), [])
    }

    func testEscapedMarkersAreTheAuthorsChoice() {
        XCTAssertEqual(check(#"\*\*不是强调：\*\*后文"#, cjkFriendly: false), [])
    }

    func testSnakeCaseAndLoneMarkersAreLeftAlone() {
        XCTAssertEqual(check("call __init__ and compute 2**10", cjkFriendly: false), [])
    }

    func testLocationsAccountForTheBodyOffsetAndContainers() {
        let findings = check("> - **注意：**后文", cjkFriendly: false, firstLine: 7)
        XCTAssertEqual(findings.map(\.location), [SourceLocation(file: "post.md", line: 7, column: 10)])
    }

    func testInsideTablesAndFootnotesTheMarkerIsLocatedInTheCell() {
        let table = "| 列 | 说明 |\n| - | - |\n| a | **注意：**后文 |"
        XCTAssertEqual(check(table, cjkFriendly: false).map(\.location), [SourceLocation(file: "post.md", line: 3, column: 12)])
        let note = "正文[^1]\n\n[^1]: 注释 **注意：**后文"
        XCTAssertEqual(check(note, cjkFriendly: false).map(\.location), [SourceLocation(file: "post.md", line: 3, column: 15)])
    }
}
