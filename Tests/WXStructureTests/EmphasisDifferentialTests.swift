import Foundation
import WXStructure
import WXTestSupport
import XCTest

/// Differential test against the `cmark` command-line tool (Debian package `cmark`, the same
/// libcmark the renderer uses): for each paragraph in `Fixtures/emphasis/paragraphs.txt`
/// (blank-line separated), the check reports a leftover marker exactly when cmark's HTML shows
/// a literal `**` or `__` outside code.
final class EmphasisDifferentialTests: XCTestCase {
    func testAgreesWithCmarkOnWhichMarkersStayLiteral() throws {
        let cmark = URL(fileURLWithPath: "/usr/bin/cmark")
        guard FileManager.default.isExecutableFile(atPath: cmark.path) else {
            throw XCTSkip("cmark CLI not installed (apt-get install cmark); skipping the differential test")
        }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/emphasis/paragraphs.txt")
        let text = try String(contentsOf: file, encoding: .utf8)
        let cases = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        XCTAssertGreaterThan(cases.count, 25)
        for markdown in cases {
            let html = try render(markdown, with: cmark)
            let visible = html.replacingOccurrences(of: #"<code>.*?</code>"#, with: "", options: .regularExpression)
            let cmarkLeavesMarkers = visible.contains("**") || visible.contains("__")
            let reported = !StructureChecker().checkMarkdown(markdown, file: "case.md").isEmpty
            XCTAssertEqual(reported, cmarkLeavesMarkers, "\(markdown) → cmark: \(html)")
        }
    }

    private func render(_ markdown: String, with cmark: URL) throws -> String {
        try XCTUnwrap(OracleProcess.run([cmark.path], input: Data(markdown.utf8)), "cannot start \(cmark.path)").output
    }
}
