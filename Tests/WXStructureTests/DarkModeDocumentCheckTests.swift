import WXHTML
import WXStructure
import XCTest

/// The document walk behind the raw-HTML dark-mode check.
final class DarkModeDocumentCheckTests: XCTestCase {
    func findings(_ html: String, themeColours: Set<String> = []) -> [String] {
        StructureChecker().checkDarkMode(document: HTMLParser.parseFragment(html, file: "post.md").nodes, file: "post.md", themeColours: themeColours)
            .map { "\($0.location.line):\($0.location.column)" }
    }

    func testTextInheritsTheColourAndBackgroundOfItsAncestors() {
        XCTAssertEqual(findings("<section style=\"color: #5a5a5a\">\n<p>灰色</p></section>"), ["1:1"])
    }

    func testColoursTheThemeWritesAreLeftToTheThemeCheck() {
        XCTAssertEqual(findings("<p style=\"color: #5a5a5a\">灰色</p>", themeColours: ["#5a5a5a"]), [])
    }

    func testDataIgnoreDmLowContrastSilencesTheSubtree() {
        XCTAssertEqual(findings("<section data-ignore-dm=\"low-contrast\"><p style=\"color: #5a5a5a\">灰色</p></section>"), [])
    }

    func testEachElementIsReportedOnce() {
        XCTAssertEqual(findings("<p style=\"color: #5a5a5a\">一<b>二</b>三</p>"), ["1:1"])
    }
}
