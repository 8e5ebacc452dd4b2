import WXStructure
import WXSupport
import XCTest

/// `check` on the theme as dark mode shows it: text/background pairs that lose contrast are
/// warnings at the theme's `color` line.
final class DarkModeCheckTests: XCTestCase {
    /// Declarations from CSS-like lines: `selector { property: value; … }`, one rule a line.
    func declarations(_ css: String) -> [ThemeDeclaration] {
        var result: [ThemeDeclaration] = []
        for (index, line) in css.split(separator: "\n").enumerated() {
            let parts = line.split(separator: "{")
            let selector = parts[0].trimmingCharacters(in: .whitespaces)
            for declaration in parts[1].dropLast().split(separator: ";") {
                let pair = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                let column = line.distance(from: line.startIndex, to: line.range(of: pair[0])!.lowerBound) + 1
                result.append(ThemeDeclaration(selector: selector, property: pair[0], value: pair[1],
                                               location: SourceLocation(file: "theme.css", line: index + 1, column: column)))
            }
        }
        return result
    }

    func findings(_ css: String) -> [String] {
        StructureChecker().checkDarkMode(declarations(css)).map(\.description)
    }

    func testMidGreyTextKeptAsIsOnTheDarkPageIsAWarningAtItsColourLine() {
        XCTAssertEqual(findings(".article { color: #333333; }\np { color: #5a5a5a; }"), [
            "theme.css:2:5: warning: theme rule `p`: in Dark Mode its text (#5a5a5a) on the page becomes #5a5a5a on #191919, a contrast of 2.55:1 "
                + "(below 3:1; 6.9:1 in light mode) [wechat/4.1.1]\n"
                + "  fix: Choose a text colour further from the background in brightness (a darker text on light backgrounds), or a lighter background.",
        ])
    }

    func testDarkTextThatDarkModeLightensIsFine() {
        XCTAssertEqual(findings(".article { color: #333333; }\np { color: #222222; }\nh2 { color: #1a5fb4; }"), [])
    }

    func testTextOnATintedBlockThatDarkModeOnlyDimsIsAWarning() {
        let result = findings("blockquote { background-color: #f0f5fb; }\nblockquote p { color: #1f883d; }")
        XCTAssertEqual(result.count, 1, "\(result)")
        XCTAssertTrue(result.first?.hasPrefix("theme.css:2:16: warning: theme rule `blockquote p`: in Dark Mode its text (#1f883d) on `blockquote` (#f0f5fb) becomes #1f883d on #bbbfc3") == true, "\(result)")
    }

    func testCodeTokensAreCheckedOnTheirCodeBlockNotOnThePage() {
        XCTAssertEqual(findings(".code-block { background-color: #1e2430; }\n.hl-string { color: #a5d98b; }"), [])
        XCTAssertEqual(findings(".code-block { background-color: #f6f8fa; }\n.hl-comment { color: #6e7781; }").count, 1)
    }

    func testABackgroundOnHighlightTokensIsAWarning() {
        XCTAssertEqual(findings(".code-block { background-color: #ffffff; }\n.hl-keyword { color: #222222; background-color: #ffeeee; }").first,
                       "theme.css:2:31: warning: theme rule `.hl-keyword`: a background on highlighted tokens is converted span by span in Dark Mode [wechat/4.1.1]\n"
                        + "  fix: Put the background on .code-block and give the tokens colours only.")
    }

    func testTheRuleCanBeTurnedOff() {
        var checker = StructureChecker()
        checker.options.disabledRules = [.lowContrast]
        XCTAssertEqual(checker.checkDarkMode(declarations("p { color: #5a5a5a; }")).count, 0)
    }
}
