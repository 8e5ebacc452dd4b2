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
}
