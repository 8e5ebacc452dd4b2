import Foundation
import XCTest
@testable import WXRender
import WXContent

/// Front matter dates reach templates as `YYYY-MM-DD` (and `YYYY-MM-DD hh:mm:ss`), padded exactly
/// as `String(format: "%04d")` pads.
final class TemplateValuesTests: XCTestCase {
    func testPaddingMatchesPrintf() {
        for n in [0, 7, 42, 999, 2026, 12345, -5, -123, -2026] {
            XCTAssertEqual(ArticleTemplateValues.padded(n, 4), String(format: "%04d", n), "\(n)")
            XCTAssertEqual(ArticleTemplateValues.padded(n, 2), String(format: "%02d", n), "\(n)")
        }
    }

    func testDatesAndTimesFromFrontMatter() {
        let date = ArticleTemplateValues.value(YAMLNode(.date(year: 2026, month: 1, day: 5), line: 1, column: 1))
        guard case .string(let text) = date else { return XCTFail("\(date)") }
        XCTAssertEqual(text, "2026-01-05")
        let time = YAMLDateTime(year: 987, month: 12, day: 31, hour: 0, minute: 5, second: 9, nanosecond: 0, utcOffsetSeconds: nil)
        guard case .string(let stamp) = ArticleTemplateValues.value(YAMLNode(.dateTime(time), line: 1, column: 1)) else { return XCTFail() }
        XCTAssertEqual(stamp, "0987-12-31 00:05:09")
    }
}
