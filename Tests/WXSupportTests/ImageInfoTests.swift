import Foundation
import XCTest
import WXSupport

/// Formats come from magic bytes, sizes from the headers; the example site's images are real files.
final class ImageInfoTests: XCTestCase {
    let images = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../content/images").standardizedFileURL

    func testPNGHeaderGivesFormatAndPixelSize() throws {
        let data = try Data(contentsOf: images.appendingPathComponent("cover.png"))
        XCTAssertEqual(ImageInfo.sniff(data), ImageInfo(format: .png, width: 900, height: 383))
    }

    func testJPEGStartOfFrameGivesPixelSize() throws {
        let data = try Data(contentsOf: images.appendingPathComponent("accounts.jpg"))
        XCTAssertEqual(ImageInfo.sniff(data), ImageInfo(format: .jpeg, width: 640, height: 360))
    }

    func testGIFLogicalScreenSize() {
        let gif = Data("GIF89a".utf8) + Data([0x10, 0x00, 0x08, 0x00, 0, 0, 0])
        XCTAssertEqual(ImageInfo.sniff(gif), ImageInfo(format: .gif, width: 16, height: 8))
    }

    func testBMPWithTopDownRowsHasPositiveHeight() {
        var bmp = [UInt8](repeating: 0, count: 54)
        bmp[0] = 0x42; bmp[1] = 0x4D
        bmp[18] = 20  // width 20
        let height = Int32(-10)
        withUnsafeBytes(of: height.littleEndian) { for (i, b) in $0.enumerated() { bmp[22 + i] = b } }
        XCTAssertEqual(ImageInfo.sniff(Data(bmp)), ImageInfo(format: .bmp, width: 20, height: 10))
    }

    func testTextFileNamedLikeAnImageIsNotAnImage() {
        XCTAssertNil(ImageInfo.sniff(Data("<html>not a picture</html>".utf8)))
    }

    func testTruncatedJPEGStillIdentifiedWithoutSize() {
        XCTAssertEqual(ImageInfo.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00])), ImageInfo(format: .jpeg, width: nil, height: nil))
    }
}
