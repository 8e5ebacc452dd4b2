import Foundation
import WXHTML
import WXStructure
import WXSupport
import XCTest

/// The issue's acceptance case at the post level: the raw HTML of a Markdown post, parsed with
/// its source lines. (Literal `**` in the Markdown is the Markdown pass's finding, tested in
/// WXRenderTests' `EmphasisMarkerTests`.)
final class PostLevelTests: XCTestCase {
    private static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/posts")

    /// Body after the `---` front matter and the line it starts on.
    private func body(of text: String) -> (String, Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return (text, 1) }
        return (lines[(end + 1)...].joined(separator: "\n"), end + 2)
    }

    private func findings(_ name: String) throws -> [String] {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let (body, firstLine) = body(of: text)
        let checker = StructureChecker()
        let nodes = HTMLParser.parseFragment(body, file: name, line: firstLine).nodes
        let diagnostics = checker.check(nodes, file: name)
        return diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.rule ?? "-")" }
    }

    func testFixedTableTextAlignStartAndFontFamilyGiveThreeLocatedFindings() throws {
        let expected = try String(contentsOf: Self.directory.appendingPathComponent("2024-05-01-notice.expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(try findings("2024-05-01-notice.md").sorted(), expected.sorted())
    }

    func testTheSamePostWrittenSafelyIsClean() throws {
        XCTAssertEqual(try findings("2024-05-02-clean.md"), [])
    }
}
