import Foundation
import XCTest
import WXSupport
@testable import WXAPI

final class MultipartFormDataTests: XCTestCase {
    func testEncodesAFilePartAndAFieldWithCRLFAndAClosingBoundary() {
        var form = MultipartFormData(boundary: "BOUNDARY")
        form.addFile(name: "media", file: MediaFile(data: Data("abc".utf8), filename: "clip.mp4", contentType: "video/mp4"))
        form.addField(name: "description", value: #"{"introduction":"简介","title":"标题"}"#)
        let expected = "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"media\"; filename=\"clip.mp4\"\r\n"
            + "Content-Type: video/mp4\r\n\r\n"
            + "abc\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"description\"\r\n\r\n"
            + "{\"introduction\":\"简介\",\"title\":\"标题\"}\r\n"
            + "--BOUNDARY--\r\n"
        XCTAssertEqual(String(decoding: form.encoded(), as: UTF8.self), expected)
        XCTAssertEqual(form.contentType, "multipart/form-data; boundary=BOUNDARY")
    }

    func testFileBytesAreCopiedUnchanged() {
        var form = MultipartFormData(boundary: "B")
        form.addFile(name: "media", file: MediaFile(data: SampleMedia.png, filename: "a.png", contentType: "image/png"))
        let body = form.encoded()
        XCTAssertNotNil(body.range(of: SampleMedia.png))
    }

    func testRandomBoundariesDiffer() {
        XCTAssertNotEqual(MultipartFormData().boundary, MultipartFormData().boundary)
    }

    func testQuotesAndLineBreaksCannotBreakOutOfTheHeader() {
        XCTAssertEqual(MultipartFormData.quoted("a\"b\r\nc.jpg"), "a%22bc.jpg")
    }

    func testImageFilenameExtensionComesFromTheBytesNotTheName() throws {
        let file = try MediaFile.image(SampleMedia.png, baseName: "photo.jpg")
        XCTAssertEqual(file.filename, "photo.jpg.png")
        XCTAssertEqual(file.contentType, "image/png")
        XCTAssertEqual(try MediaFile.image(SampleMedia.jpeg, baseName: "cover").filename, "cover.jpg")
        XCTAssertEqual(try MediaFile.image(SampleMedia.gif, baseName: "anim").contentType, "image/gif")
    }

    func testNonASCIIBaseNamesBecomeSafeASCII() throws {
        XCTAssertEqual(try MediaFile.image(SampleMedia.jpeg, baseName: "封面 图").filename, "____.jpg")
    }

    func testBytesThatAreNoImageAreRejectedBeforeUpload() {
        XCTAssertThrowsError(try MediaFile.image(Data("not an image".utf8), baseName: "notes.png")) { error in
            let error = error as! WeChatAPIError
            XCTAssertEqual(error.classification, .fatal)
            XCTAssertEqual(error.attempts, 0)
            XCTAssertTrue(error.description.contains("notes.png is not a JPEG, PNG"), error.description)
        }
    }

    func testVoiceAndVideoTypesFollowTheExtension() {
        XCTAssertEqual(MediaFile.file(Data(), filename: "talk.mp3").contentType, "audio/mpeg")
        XCTAssertEqual(MediaFile.file(Data(), filename: "clip.MP4").contentType, "video/mp4")
        XCTAssertEqual(MediaFile.file(Data(), filename: "x.bin").contentType, "application/octet-stream")
    }
}
