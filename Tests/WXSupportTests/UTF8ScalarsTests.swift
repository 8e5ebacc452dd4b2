import XCTest
import WXSupport

/// Scalar counts from UTF-8 bytes agree with Swift's own `unicodeScalars.count`.
final class UTF8ScalarsTests: XCTestCase {
    func testCountsScalarsOfMixedText() {
        for text in ["", "a", "abcdefgh", "abcdefghi", "中文标题和正文", "e\u{301}🙂 mixed 文字 text\u{A0}and more", String(repeating: "平台a", count: 37)] {
            XCTAssertEqual(UTF8Scalars.count(text), text.unicodeScalars.count, text)
        }
    }

    func testCountsPastOneByteCountersRange() {
        // Counted in a byte 255 at a time: 1,000 ASCII scalars (and 1,000 CJK ones) must not wrap.
        for text in [String(repeating: "a", count: 1_000), String(repeating: "字", count: 1_000), String(repeating: "a字🙂", count: 300)] {
            XCTAssertEqual(UTF8Scalars.count(text), text.unicodeScalars.count)
        }
        let bytes = Array(String(repeating: "ab", count: 400).utf8)
        bytes.withUnsafeBufferPointer { XCTAssertEqual(UTF8Scalars.count($0, in: 3..<700), 697) }
    }

    func testCountsWithinAByteRange() {
        let text = "ab中文cd🙂ef"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            // "中文cd" is bytes 2..<10.
            XCTAssertEqual(UTF8Scalars.count(buffer, in: 2..<10), 4)
            XCTAssertEqual(UTF8Scalars.count(buffer, in: 0..<bytes.count), text.unicodeScalars.count)
            XCTAssertEqual(UTF8Scalars.count(buffer, in: 3..<3), 0)
        }
    }
}
