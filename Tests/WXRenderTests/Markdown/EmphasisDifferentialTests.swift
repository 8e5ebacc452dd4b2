import Foundation
import WXTestSupport
import XCTest

@testable import WXRender

/// Differential test against the `cmark` command-line tool (Debian package `cmark`, the same
/// libcmark the parser uses): with `cjk_friendly: false`, for each paragraph in
/// `Fixtures/emphasis/paragraphs.txt` (blank-line separated), the `markdown/emphasis` warning
/// fires exactly when cmark's HTML shows a literal `**` or `__` outside code.
final class EmphasisDifferentialTests: XCTestCase {
    func testAgreesWithCmarkOnWhichMarkersStayLiteral() throws {
        let cmark = URL(fileURLWithPath: "/usr/bin/cmark")
        guard FileManager.default.isExecutableFile(atPath: cmark.path) else {
            throw XCTSkip("cmark CLI not installed (apt-get install cmark); skipping the differential test")
        }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/emphasis/paragraphs.txt")
        let text = try String(contentsOf: file, encoding: .utf8)
        let cases = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        XCTAssertGreaterThan(cases.count, 25)
        for markdown in cases {
            let html = try XCTUnwrap(OracleProcess.run([cmark.path], input: Data(markdown.utf8))).output
            let visible = html.replacingOccurrences(of: #"<code>.*?</code>"#, with: "", options: .regularExpression)
            let cmarkLeavesMarkers = visible.contains("**") || visible.contains("__")
            let document = MarkdownParser.parse(markdown, options: MarkdownOptions(cjkFriendly: false))
            let reported = !EmphasisMarkers.report(
                document.delimiterRuns, sourceMap: SourceMap(file: "case.md", body: markdown, bodyStartLine: 1), cjkFriendly: false
            ).isEmpty
            XCTAssertEqual(reported, cmarkLeavesMarkers, "\(markdown) → cmark: \(html)")
        }
    }
}
