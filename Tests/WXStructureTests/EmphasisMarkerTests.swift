import WXStructure
import WXSupport
import XCTest

/// Leftover `**`/`__`: CommonMark leaves them literal next to CJK punctuation.
final class EmphasisMarkerTests: XCTestCase {
    private func check(_ markdown: String, firstLine: Int = 1) -> [Diagnostic] {
        StructureChecker().checkMarkdown(markdown, file: "post.md", firstLine: firstLine)
    }

    func testClosingMarkerAfterCJKPunctuationIsReportedAtTheMarker() {
        let findings = check("前言\n\n**注意：**后文")
        XCTAssertEqual(findings.map(\.location), [SourceLocation(file: "post.md", line: 3, column: 6)])
        XCTAssertEqual(findings.first?.severity, .warning)
        XCTAssertEqual(findings.first?.rule, "markdown/emphasis")
        XCTAssertTrue(findings.first?.message.contains("`：`") ?? false, findings.first?.message ?? "")
        XCTAssertTrue(findings.first?.fix?.contains("<strong>") ?? false)
    }

    func testBothMarkersAroundCJKQuotesAreReported() {
        let findings = check("他说**「注意」**然后")
        XCTAssertEqual(findings.map(\.location.column), [3, 9])
        XCTAssertTrue(findings[0].message.contains("cannot open"), findings[0].message)
        XCTAssertTrue(findings[1].message.contains("cannot close"), findings[1].message)
    }

    func testWorkingEmphasisIsNotReported() {
        XCTAssertEqual(check("**注意**：后文，*斜体*，__下划线__ and **bold**."), [])
        XCTAssertEqual(check("**注意：** 后文"), [])
    }

    func testCodeIsNotProse() {
        XCTAssertEqual(check("`**注意：**后文`"), [])
        XCTAssertEqual(check("```\n**注意：**后文\n```"), [])
        XCTAssertEqual(check("para\n\n    **注意：**后文"), [])
        XCTAssertEqual(check("<p>**注意：**后文</p>"), [])
    }

    func testEscapedMarkersAreTheAuthorsChoice() {
        XCTAssertEqual(check(#"\*\*不是强调：\*\*后文"#), [])
    }

    func testSnakeCaseAndLoneMarkersAreLeftAlone() {
        XCTAssertEqual(check("call __init__ and compute 2**10"), [])
    }

    func testLocationsAccountForTheBodyOffsetAndContainers() {
        let findings = check("> - **注意：**后文", firstLine: 7)
        XCTAssertEqual(findings.map(\.location), [SourceLocation(file: "post.md", line: 7, column: 10)])
    }

    func testUnderscoreMarkersToo() {
        XCTAssertEqual(check("__注意：__后文").map(\.location.column), [6])
    }
}
