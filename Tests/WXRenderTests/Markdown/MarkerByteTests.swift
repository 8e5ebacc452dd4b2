import XCTest
@testable import WXRender

/// The word-at-a-time test for the bytes that stop a text from being its own source agrees with
/// looking at every byte, wherever the byte falls in a word.
final class MarkerByteTests: XCTestCase {
    func testEveryMarkerByteIsFoundAtEveryOffset() {
        for marker in ["\\", "&", "*", "_", "~", "["] {
            for offset in 0..<20 {
                let text = String(repeating: "字", count: offset / 3) + String(repeating: "a", count: offset % 3) + marker + "文字 text"
                XCTAssertTrue(Array(text.utf8).withUnsafeBufferPointer(InlineResolver.hasMarkerByte), "\(marker) at \(offset)")
            }
        }
    }

    func testTextWithoutMarkersHasNone() {
        for text in ["", "a", "plain text, with punctuation: ()!?.", "中文的正文，标点。「引号」", String(repeating: "x]y)z", count: 9)] {
            XCTAssertFalse(Array(text.utf8).withUnsafeBufferPointer(InlineResolver.hasMarkerByte), text)
        }
    }
}
