import WXHTML
import WXStructure
import WXSupport
import XCTest

/// Behaviours of the structure pass on trees built by hand, the way the renderer hands them over.
final class StructureCheckerTests: XCTestCase {
    private func at(_ line: Int, _ column: Int = 1) -> SourceLocation { SourceLocation(file: "post.md", line: line, column: column) }

    private func element(_ tag: String, style: String? = nil, at location: SourceLocation? = nil, _ children: [HTMLNode] = []) -> HTMLNode {
        .element(HTMLElement(tag, attributes: style.map { [HTMLAttribute("style", $0)] } ?? [], children: children, location: location))
    }

    private let longText = HTMLNode.text(String(repeating: "这是一段会折成好几行的正文。", count: 5))

    func testFindingsNameTheMeasuredValues() {
        let tree = [element("table", style: "width: 600px", at: at(3), [element("tr", [element("td", [.text("格")])])])]
        let findings = StructureChecker().check(tree, file: "post.md")
        XCTAssertEqual(findings.count, 1)
        XCTAssertEqual(findings[0].location, at(3))
        XCTAssertTrue(findings[0].message.contains("600px") && findings[0].message.contains("375px"), findings[0].message)
        XCTAssertNotNil(findings[0].fix)
    }

    func testElementsWithoutLocationUseTheNearestLocatedAncestor() {
        let tree = [element("section", at: at(9, 2), [element("p", style: "text-align: end", [.text("右")])])]
        XCTAssertEqual(StructureChecker().check(tree, file: "post.md").map(\.location), [at(9, 2)])
        let bare = [element("p", style: "text-align: end", [.text("右")])]
        XCTAssertEqual(StructureChecker().check(bare, file: "post.md").map(\.location), [at(1)])
    }

    func testTextIsMeasuredOnlyUnderAFixedHeightAnOverlappingLineHeightOrPre() {
        let plain = [element("section", style: "font-size: 14px; line-height: 1.75", [element("p", [longText])])]
        XCTAssertFalse(StructureChecker().checkMeasuringText(plain, file: "post.md").measuresText)
        for measuring in [
            [element("section", style: "height: 40px", [longText])],
            [element("section", style: "font-size: 20px; line-height: 12px", [longText])],
            [element("pre", [longText])],
        ] {
            XCTAssertTrue(StructureChecker().checkMeasuringText(measuring, file: "post.md").measuresText, "\(measuring)")
        }
    }

    func testCheckingWhileMeasuringFindsWhatCheckFinds() {
        let tree = [element("section", style: "font-size: 10px; line-height: 1.2em", at: at(1), [element("p", style: "font-size: 20px", at: at(2), [longText])])]
        let checked = StructureChecker().checkMeasuringText(tree, file: "post.md")
        XCTAssertEqual(checked.diagnostics, StructureChecker().check(tree, file: "post.md"))
        XCTAssertTrue(checked.measuresText)
    }

    func testEmLineHeightIsComputedWhereDeclaredAndInheritedAsALength() {
        // 1.2em of 10px is 12px; the paragraph's 20px text then overlaps.
        let tree = [element("section", style: "font-size: 10px; line-height: 1.2em", at: at(1), [
            element("p", style: "font-size: 20px", at: at(2), [longText]),
        ])]
        let findings = StructureChecker().check(tree, file: "post.md")
        XCTAssertEqual(findings.map(\.rule), ["wechat/1.3"])
        XCTAssertEqual(findings.first?.location, at(1))
    }

    func testUnitlessLineHeightIsInheritedAsAMultiplier() {
        // 1.2 × 20px = 24px ≥ 20px: no overlap, although 1.2 × 10px would be below 20px.
        let tree = [element("section", style: "font-size: 10px; line-height: 1.2", at: at(1), [
            element("p", style: "font-size: 20px", at: at(2), [longText]),
        ])]
        XCTAssertEqual(StructureChecker().check(tree, file: "post.md"), [])
    }

    func testAPixelLineHeightWithUnknownFontSizeIsNotGuessed() {
        let tree = [element("p", style: "line-height: 12px", at: at(1), [longText])]
        XCTAssertEqual(StructureChecker().check(tree, file: "post.md"), [])
    }

    func testContrastUsesTheColourBehindTheText() {
        let tree = [element("section", style: "background-color: #fff", at: at(1), [
            element("section", style: "background: rgba(0, 0, 0, 0.8)", at: at(2), [
                element("p", style: "color: #333", at: at(3), [.text("深色背景上的深色文字")]),
            ]),
        ])]
        let findings = StructureChecker().check(tree, file: "post.md")
        XCTAssertEqual(findings.map(\.rule), ["wechat/4.1.1"])
        XCTAssertEqual(findings.first?.location, at(3))
    }

    func testTextOnABackgroundImageIsNotJudged() {
        let tree = [element("section", style: "background-image: url(a.png); color: #eee", at: at(1), [.text("图片上的文字")])]
        XCTAssertEqual(StructureChecker().check(tree, file: "post.md"), [])
    }

    func testHiddenSubtreesAreIgnored() {
        let tree = [element("p", style: "display: none", at: at(1), [element("span", style: "height: 0", [.text("隐藏")])])]
        XCTAssertEqual(StructureChecker().check(tree, file: "post.md"), [])
    }

    func testDisabledRulesAreSkipped() {
        var options = StructureOptions()
        options.disabledRules = [.textAlign]
        let tree = [element("p", style: "text-align: start", at: at(1), [.text("左")])]
        XCTAssertEqual(StructureChecker(options: options).check(tree, file: "post.md"), [])
    }

    func testSeverityFollowsThePlatform() {
        XCTAssertEqual(StructureRule.width.severity, .error)
        XCTAssertEqual(StructureRule.nesting.severity, .error)
        XCTAssertEqual(StructureRule.fontFamily.severity, .warning)
        XCTAssertEqual(StructureRule.lowContrast.severity, .warning)
        XCTAssertEqual(StructureRule.emphasisMarker.severity, .warning)
    }

    func testFindingsKeepTheOffendingElementForTheReport() {
        let tree = [element("p", style: "caret-color: transparent", at: at(1), [.text("字")])]
        let findings = StructureChecker().findings(in: tree, file: "post.md")
        XCTAssertEqual(findings.map(\.rule), [.caretColor])
        XCTAssertEqual(findings.first?.element?.tag, "p")
    }
}
