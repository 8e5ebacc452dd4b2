import Foundation
import XCTest
import WXSupport

/// The trimming helpers agree with Foundation's `trimmingCharacters(in:)` on every white space
/// and newline scalar, at either end, alone or around text.
final class TrimmingTests: XCTestCase {
    /// Every scalar in CharacterSet.whitespacesAndNewlines, plus near misses that are not in it.
    static let edges: [String] = [
        "\t", " ", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{3000}",
        "\n", "\u{0B}", "\u{0C}", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}",
        "\u{200B}", "\u{FEFF}", "\u{180E}", "\u{1F}", "x", "中", "e\u{301}",
    ]

    func testTrimmingWhitespaceMatchesFoundation() {
        for lead in Self.edges + [""] {
            for trail in Self.edges + [""] {
                for middle in ["", "a b", "文 章", "\u{301}x"] {
                    let text = lead + middle + trail
                    XCTAssertEqual(text.trimmingWhitespace(), text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
                    XCTAssertEqual(
                        text.trimmingWhitespaceAndNewlines(), text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "\(Array(text.unicodeScalars))")
                }
            }
        }
    }

    func testSubstringsTrimLikeStrings() {
        let text = "[  https://example.com/a  ]"
        let inner = text.dropFirst().dropLast()
        XCTAssertEqual(inner.trimmingWhitespace(), "https://example.com/a")
    }

    func testOnlyWhiteSpaceTrimsToEmpty() {
        XCTAssertEqual(" \t\u{3000} ".trimmingWhitespace(), "")
        XCTAssertEqual(" \n\u{2028} ".trimmingWhitespaceAndNewlines(), "")
    }
}
