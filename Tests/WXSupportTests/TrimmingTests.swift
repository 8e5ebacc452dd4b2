import Foundation
import WXSupport
import XCTest

/// `trimming(_:)` is Foundation's `trimmingCharacters(in:)` for white space, without NSString.
final class TrimmingTests: XCTestCase {
    func testTextWithNothingToTrimIsReturnedAsIs() {
        XCTAssertEqual("https://example.com/a b".trimming(.whitespaces), "https://example.com/a b")
    }

    func testSpacesAndTabsAreTrimmedFromBothEnds() {
        XCTAssertEqual(" \t标题 \u{3000}".trimming(.whitespaces), "标题")
    }

    func testNewlinesAreTrimmedOnlyWhenAsked() {
        XCTAssertEqual("\n a \r\n".trimming(.whitespaces), "\n a \r\n")
        XCTAssertEqual("\n a \r\n".trimming(.whitespacesAndNewlines), "a")
    }

    func testOnlyWhiteSpaceGivesTheEmptyString() {
        XCTAssertEqual(" \u{00A0} ".trimming(.whitespaces), "")
        XCTAssertEqual("".trimming(.whitespacesAndNewlines), "")
    }

    func testEveryScalarAgreesWithFoundation() {
        for value in 0...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)x\(scalar)"
            XCTAssertEqual(text.trimming(.whitespaces), text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
            XCTAssertEqual(text.trimming(.whitespacesAndNewlines), text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(value, radix: 16))")
        }
    }

    /// Every white-space and newline scalar (and near misses) at either end, alone or around text.
    func testEdgeCombinationsAgreeWithFoundation() {
        let edges: [String] = [
            "\t", " ", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{3000}",
            "\n", "\u{0B}", "\u{0C}", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}",
            "\u{200B}", "\u{FEFF}", "\u{180E}", "\u{1F}", "x", "中", "e\u{301}", "",
        ]
        for lead in edges {
            for trail in edges {
                for middle in ["", "a b", "文 章", "\u{301}x"] {
                    let text = lead + middle + trail
                    XCTAssertEqual(text.trimming(.whitespaces), text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
                    XCTAssertEqual(
                        text.trimming(.whitespacesAndNewlines), text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "\(Array(text.unicodeScalars))")
                }
            }
        }
    }

    func testSubstringsTrimLikeStrings() {
        let text = "[  https://example.com/a  ]"
        XCTAssertEqual(text.dropFirst().dropLast().trimming(.whitespaces), "https://example.com/a")
    }
}
