import XCTest
@testable import WXRender

/// The reader's text: the count of visible characters agrees scalar for scalar with Unicode's
/// White_Space property, whether counted while the digest prefix fills or after it is full.
final class PlainTextTests: XCTestCase {
    static let samples = [
        "", "plain words", "中文\u{3000}全角空格", "tab\tand\nnewline\r\n", "nbsp\u{A0}nel\u{85}ogham\u{1680}",
        "en\u{2002}thin\u{2009}hair\u{200A}zw\u{200B}ls\u{2028}ps\u{2029}nnb\u{202F}mm\u{205F}", "emoji 🙂 e\u{301}",
    ]

    func testVisibleScalarsSkipsExactlyTheWhiteSpaceScalars() {
        for text in Self.samples {
            let expected = text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
            XCTAssertEqual(PlainText.visibleScalars(text), expected, text)
        }
    }

    func testVisibleScalarsAtEveryAlignment() {
        // Shift each white space across word and vector boundaries.
        let pieces = ["中文", "\u{3000}", "ab", "\u{2009}", "。", "\u{A0}", "é", "\t", "🙂", "\u{1680}", "\u{205F}", "x y"]
        for shift in 0..<16 {
            let text = String(repeating: "a", count: shift) + pieces.joined() + pieces.reversed().joined()
            let expected = text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
            XCTAssertEqual(PlainText.visibleScalars(text), expected, "shift \(shift)")
        }
    }

    func testVisibleScalarsOfTextLongerThanOneCountersRange() {
        // Counted in a byte 255 at a time: a thousand visible scalars must not wrap.
        for text in [String(repeating: "a", count: 1_000), String(repeating: "平台 ", count: 400), String(repeating: "字\u{3000}", count: 300)] {
            XCTAssertEqual(PlainText.visibleScalars(text), text.unicodeScalars.filter { !$0.properties.isWhitespace }.count)
        }
    }

    func testVisibleScalarsOfGeneratedTextAgreesWithWhiteSpaceScalarByScalar() {
        // Every White_Space scalar, its byte neighbours (C2 A2, E2 80 8B, E2 81 A0, E3 80 81…) and
        // CJK, at every length up to past two counter ranges, ending on each of them.
        let pool: [Unicode.Scalar] = [
            "\u{9}", "\u{A}", "\u{D}", " ", "a", "\u{85}", "\u{A0}", "\u{A2}", "\u{80}", "\u{1680}", "\u{1681}", "\u{2000}", "\u{200A}",
            "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{2030}", "\u{205F}", "\u{2060}", "\u{3000}", "\u{3001}", "。", "中",
            "\u{FF0C}", "🙂", "é",
        ]
        var generator = SystemRandomNumberGenerator()
        for length in Array(0..<40) + [254, 255, 256, 257, 511, 600] {
            for last in pool {
                var scalars = (0..<length).map { _ in pool.randomElement(using: &generator)! }
                scalars.append(last)
                let text = String(String.UnicodeScalarView(scalars))
                let expected = text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
                XCTAssertEqual(PlainText.visibleScalars(text), expected, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
    }

    func testCountIsTheSameBeforeAndAfterTheDigestPrefixIsFull() {
        var plain = PlainText()
        let filler = String(repeating: "字", count: PlainText.keep)
        plain.add(filler)
        for text in Self.samples { plain.add(text) }
        let expected = Self.samples.map { $0.unicodeScalars.filter { !$0.properties.isWhitespace }.count }.reduce(PlainText.keep, +)
        XCTAssertEqual(plain.visibleCount, expected)
        XCTAssertEqual(plain.text, filler)
    }
}
