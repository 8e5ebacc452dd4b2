import Foundation
import WXHTML
import WXStructure
import WXSupport
import XCTest

/// Hand-written fixtures per rule under `Fixtures/rules/`: `<rule>.bad.html` raises exactly the
/// findings listed in `<rule>.bad.expected` (`line:col: severity: rule`), and
/// `<rule>.good.html` — the spec's exclusions and the intended way to write it — raises none.
final class RuleFixtureTests: XCTestCase {
    func testImageOpacity() throws { try assertFixtures("1.1-image-opacity") }
    func testTransparentCaretColor() throws { try assertFixtures("1.2-caret-color") }
    func testLineHeightBelowFontSizeOnMultilineText() throws { try assertFixtures("1.3-line-height") }
    func testFixedWidthsOffsetsAndTableColumns() throws { try assertFixtures("1.4-width") }
    func testZeroAndClippedHeightsAroundText() throws { try assertFixtures("1.5-height") }
    func testTextAlignStartEnd() throws { try assertFixtures("1.6-text-align") }
    func testAnimateBeginOnlyTouchstart() throws { try assertFixtures("1.7-animate-begin") }
    func testPreAroundProse() throws { try assertFixtures("1.8-pre") }
    func testNestingChainsOverTen() throws { try assertFixtures("2.1-nesting") }
    func testLeafSpanHoldingBlocks() throws { try assertFixtures("2.2-leaf-span") }
    func testNodeLeafSectionHoldingBlocks() throws { try assertFixtures("2.3-nodeleaf") }
    func testFontFamilyReportedOncePerValue() throws { try assertFixtures("3-font-family") }
    func testDarkModeContrastGradientAndImportant() throws { try assertFixtures("4-dark-mode") }

    func testEveryFixtureHasATest() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".bad.html") }.map { String($0.dropLast(".bad.html".count)) }
        XCTAssertEqual(names.count, 13)
    }

    // MARK: - Helpers

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/rules")

    private func findings(_ file: String) throws -> [String] {
        let html = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        let parsed = HTMLParser.parseFragment(html, file: file)
        XCTAssertEqual(parsed.warnings, [], "fixture \(file) parses cleanly")
        return StructureChecker().check(parsed.nodes, file: file).map {
            "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.rule ?? "-")"
        }
    }

    private func assertFixtures(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try String(contentsOf: Self.directory.appendingPathComponent(name + ".bad.expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(try findings(name + ".bad.html"), expected, "bad fixture", file: file, line: line)
        XCTAssertEqual(try findings(name + ".good.html"), [], "good fixture", file: file, line: line)
    }
}
