import Foundation
import WXStructure
import WXTestSupport
import XCTest

/// WeChat's dark-mode colour transform: facts from the platform's algorithm, then every value
/// held against the platform's own code run under Node (`Fixtures/darkmode/oracle.js`).
final class DarkModeTests: XCTestCase {
    func hex(_ c: CSSColor) -> String {
        String(format: "#%02x%02x%02x", Int(c.red.rounded()), Int(c.green.rounded()), Int(c.blue.rounded()))
    }

    func testAWhitePageBecomesTheDarkPage() {
        XCTAssertEqual(hex(DarkMode.background(.white)), "#191919")
    }

    func testLightGreyBackgroundsAreInvertedAroundTheDarkPage() {
        XCTAssertEqual(hex(DarkMode.background(CSSColor("#f7f7f7")!)), "#212121")
    }

    func testBrightColouredBackgroundsAreDimmedToBrightness190() {
        XCTAssertEqual(DarkMode.perceivedBrightness(DarkMode.background(CSSColor("#f6f8fa")!)), 190, accuracy: 0.001)
    }

    func testVeryDarkBackgroundsAreLiftedTo22PercentLightness() {
        XCTAssertEqual(hex(DarkMode.background(CSSColor("#1e2430")!)), "#2b3445")
    }

    func testDarkTextOnThePageBecomesTheDefaultDarkModeText() {
        XCTAssertEqual(hex(DarkMode.text(CSSColor("#333333")!)), "#a3a3a3")
    }

    func testNearWhiteTextIsKept() {
        XCTAssertEqual(hex(DarkMode.text(CSSColor("#fdfdfd")!, on: DarkMode.background(CSSColor("#576b95")!))), "#fdfdfd")
    }

    func testTextFarEnoughFromItsBackgroundIsKept() {
        XCTAssertEqual(hex(DarkMode.text(CSSColor("#cf222e")!, on: DarkMode.background(CSSColor("#f6f8fa")!))), "#cf222e")
    }

    func testColoursMatchWeChatsOwnCodeRunUnderNode() throws {
        let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/darkmode/oracle.js")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/oracles/mp-darkmode/src")
            .standardizedFileURL
        guard FileManager.default.fileExists(atPath: source.appendingPathComponent("modules/color.js").path) else {
            throw XCTSkip("../shared/oracles/mp-darkmode is absent; skipping the dark-mode oracle comparison")
        }
        guard OracleProcess.run(["node", "--version"])?.status == 0 else { throw XCTSkip("node is not installed; skipping the dark-mode oracle comparison") }
        guard OracleProcess.run(["env", "NODE_PATH=/usr/share/nodejs", "node", "-e", "require('color')"])?.status == 0 else {
            throw XCTSkip("the node `color` package is missing (apt-get install node-color); skipping the dark-mode oracle comparison")
        }
        // Greys, tints, saturated and dark colours, translucent ones, and every colour of the built-in themes.
        var colours = ["#ffffff", "#000000", "#191919", "#f7f7f7", "#efefef", "#e5e5e5", "#888888", "#5a5a5a", "#333333", "#f6f8fa",
                       "#fffbe6", "#ffe58f", "#ff0000", "#00ff00", "#0000ff", "#ffff00", "#00ffff", "#1e2430", "#282c34", "#0d1117",
                       "#576b95", "#c7254e", "rgba(0, 0, 0, 0.5)", "rgba(255, 255, 255, 0.3)", "rgba(246, 248, 250, 0.8)", "#a3a3a3",
                       "#fdfdfd", "#123456", "#7f7f7f", "#bada55"]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        for file in ["templates/theme.css", "Sources/WXRender/Themes/MagazineTheme.swift", "Sources/WXRender/Themes/TechTheme.swift"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            var rest = Substring(text)
            while let hash = rest.firstIndex(of: "#") {
                let digits = rest[rest.index(after: hash)...].prefix { $0.isHexDigit }
                if digits.count == 6 { colours.append("#" + digits.lowercased()) }
                rest = rest[rest.index(after: hash)...]
            }
        }
        colours = Array(Set(colours)).sorted()
        var pairs: [(String, String?)] = []
        for text in colours {
            pairs.append((text, nil))
            for background in ["#ffffff", "#f6f8fa", "#1e2430", "#576b95", "#fbf5ee", "#f0f5fb", "rgba(0, 0, 0, 0.5)", "#ffe58f"] {
                pairs.append((text, background))
            }
        }
        let input: [String: Any] = ["backgrounds": colours, "pairs": pairs.map { [$0.0, $0.1 as Any? ?? NSNull()] }]
        let result = try XCTUnwrap(OracleProcess.run(["env", "NODE_PATH=/usr/share/nodejs", "node", oracle.path, source.path],
                                                     input: try JSONSerialization.data(withJSONObject: input)))
        XCTAssertEqual(result.status, 0, result.errors)
        let output = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: [[Double]]])
        func check(_ ours: CSSColor, _ theirs: [Double], _ what: String) {
            XCTAssertEqual(ours.red, theirs[0], accuracy: 0.01, what)
            XCTAssertEqual(ours.green, theirs[1], accuracy: 0.01, what)
            XCTAssertEqual(ours.blue, theirs[2], accuracy: 0.01, what)
            XCTAssertEqual(ours.alpha, theirs[3], accuracy: 0.001, what)
        }
        for (colour, expected) in zip(colours, output["backgrounds"]!) {
            check(DarkMode.background(CSSColor(colour)!), expected, "background \(colour)")
        }
        for ((text, background), expected) in zip(pairs, output["texts"]!) {
            let dark = background.map { DarkMode.background(CSSColor($0)!) } ?? DarkMode.darkBackground
            check(DarkMode.text(CSSColor(text)!, on: dark), expected, "text \(text) on \(background ?? "the page")")
        }
        XCTAssertEqual(output["texts"]!.count, pairs.count)
    }
}
