import Foundation
import WXStructure
import XCTest

final class InlineStyleTests: XCTestCase {
    func testDeclarationsKeepSourceOrderAndLowerCaseNames() {
        XCTAssertEqual(InlineStyle.parse("Color: Red; FONT-size:16px ;"), [
            StyleDeclaration("color", "Red"),
            StyleDeclaration("font-size", "16px"),
        ])
    }

    func testSemicolonsInsideQuotesAndURLsDoNotSplit() {
        let style = #"font-family: "a;b", serif; background: url(https://x/a.png?x=1;y=2) no-repeat"#
        XCTAssertEqual(InlineStyle.parse(style), [
            StyleDeclaration("font-family", #""a;b", serif"#),
            StyleDeclaration("background", "url(https://x/a.png?x=1;y=2) no-repeat"),
        ])
    }

    func testImportantIsSplitOff() {
        XCTAssertEqual(InlineStyle.parse("width: 45px !important; height: auto!IMPORTANT"), [
            StyleDeclaration("width", "45px", important: true),
            StyleDeclaration("height", "auto", important: true),
        ])
    }

    func testCommentsAndBrokenDeclarationsAreDropped() {
        XCTAssertEqual(InlineStyle.parse("/* x */ color: red; nonsense; : 3px; margin /* y */: 0"), [
            StyleDeclaration("color", "red"),
            StyleDeclaration("margin", "0"),
        ])
    }

    func testEmptyStyleHasNoDeclarations() {
        XCTAssertEqual(InlineStyle.parse("  ;; "), [])
    }
}

final class CSSColorTests: XCTestCase {
    func testHexForms() {
        XCTAssertEqual(CSSColor("#fff"), .white)
        XCTAssertEqual(CSSColor("#1AAD19"), CSSColor(red: 26, green: 173, blue: 25))
        XCTAssertEqual(CSSColor("#00000080")?.alpha ?? 0, 128.0 / 255, accuracy: 0.001)
        XCTAssertNil(CSSColor("#ggg"))
    }

    func testFunctionalForms() {
        XCTAssertEqual(CSSColor("rgb(194, 43, 76)"), CSSColor(red: 194, green: 43, blue: 76))
        XCTAssertEqual(CSSColor("rgba(0, 0, 0, 0)")?.alpha, 0)
        XCTAssertEqual(CSSColor("rgb(0 0 0 / 50%)")?.alpha, 0.5)
        XCTAssertEqual(CSSColor("rgb(100%, 0%, 0%)"), CSSColor(red: 255, green: 0, blue: 0))
        XCTAssertEqual(CSSColor("hsl(0, 100%, 50%)"), CSSColor(red: 255, green: 0, blue: 0))
    }

    func testNamedColoursAndKeywords() {
        XCTAssertEqual(CSSColor("Yellow"), CSSColor(red: 255, green: 255, blue: 0))
        XCTAssertEqual(CSSColor("rebeccapurple"), CSSColor(red: 0x66, green: 0x33, blue: 0x99))
        XCTAssertEqual(CSSColor("transparent")?.alpha, 0)
        XCTAssertNil(CSSColor("var(--gfg-grey-bg)"))
        XCTAssertNil(CSSColor("currentColor"))
    }

    func testWCAGContrastRatios() {
        XCTAssertEqual(CSSColor.contrastRatio(.white, .black), 21, accuracy: 0.001)
        XCTAssertEqual(CSSColor.contrastRatio(CSSColor("#777")!, .white), 4.48, accuracy: 0.01)
        XCTAssertEqual(CSSColor.contrastRatio(CSSColor("rgb(73, 68, 41)")!, CSSColor("rgb(194, 43, 76)")!), 1.75, accuracy: 0.01)
    }

    func testAlphaCompositing() {
        let half = CSSColor(red: 0, green: 0, blue: 0, alpha: 0.5).over(.white)
        XCTAssertEqual(half.red, 127.5, accuracy: 0.01)
        XCTAssertEqual(half.alpha, 1)
    }
}

/// `InlineStyle.parse` keeps each distinct string's declarations for the whole run, shared by
/// the threads that compile posts.
final class InlineStyleCacheTests: XCTestCase {
    func testParsingTheSameStringAgainGivesTheSameDeclarations() {
        let style = "color: #333; margin: 0 0 1em !important"
        XCTAssertEqual(InlineStyle.parse(style), InlineStyle.parse(style))
        XCTAssertEqual(InlineStyle.parse(style), [StyleDeclaration("color", "#333"), StyleDeclaration("margin", "0 0 1em", important: true)])
    }

    func testThreadsParsingAtOnceEachGetTheirStringsDeclarations() {
        let results = UnsafeSendableBox(Array(repeating: [StyleDeclaration](), count: 400))
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            results.set(i, InlineStyle.parse("width: \(i % 40)px; color: red"))
        }
        for i in 0..<400 {
            XCTAssertEqual(results.values[i], [StyleDeclaration("width", "\(i % 40)px"), StyleDeclaration("color", "red")])
        }
    }

    func testMoreDistinctStringsThanTheCacheHoldsAreStillParsed() {
        for i in 0..<5_000 {
            XCTAssertEqual(InlineStyle.parse("z-index: \(i)"), [StyleDeclaration("z-index", "\(i)")])
        }
    }
}

/// Results written by many threads, one slot each.
private final class UnsafeSendableBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[StyleDeclaration]]
    init(_ values: [[StyleDeclaration]]) { self.values = values }
    func set(_ index: Int, _ value: [StyleDeclaration]) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}
