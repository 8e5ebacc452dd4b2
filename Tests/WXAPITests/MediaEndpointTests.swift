import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

final class MediaEndpointTests: XCTestCase {
    func testStableTokenIsFetchedOnceInNormalModeAndReused() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let first = try await client.accessToken()
        let second = try await client.accessToken()
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.expiresAt, SandboxHarness.start.addingTimeInterval(7200))
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 1)
    }

    func testUploadImageReturnsAURLThatServesTheSameBytes() async throws {
        let sandbox = try SandboxHarness()
        let url = try await sandbox.client().uploadImage(SampleMedia.png, baseName: "figure")
        let image = try XCTUnwrap(sandbox.ledger().images.first)
        XCTAssertEqual(image.url, url)
        XCTAssertEqual(image.sha256, SHA256.hex(SampleMedia.png))
        XCTAssertEqual(image.format, "png")
    }

    func testUploadImageRejectsGIFBeforeSendingAnything() async throws {
        let sandbox = try SandboxHarness()
        do {
            _ = try await sandbox.client().uploadImage(SampleMedia.gif)
            XCTFail("a GIF cannot go inside an article")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.attempts, 0)
            XCTAssertTrue(error.description.contains("must be JPEG or PNG"), error.description)
        }
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/media/uploadimg"), 0)
    }

    func testPermanentImageMaterialCanBeCountedFetchedAndDeleted() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let material = try await client.addMaterial(type: .image, file: try MediaFile.image(SampleMedia.jpeg, baseName: "cover"))
        XCTAssertNotNil(material.url)
        let count = try await client.materialCount()
        XCTAssertEqual(count.imageCount, 1)
        guard case .file(let data, let type, _) = try await client.getMaterial(mediaID: material.mediaID) else {
            return XCTFail("an image material comes back as bytes")
        }
        XCTAssertEqual(data, SampleMedia.jpeg)
        XCTAssertEqual(type, "image/jpeg")
        try await client.deleteMaterial(mediaID: material.mediaID)
        XCTAssertEqual(sandbox.ledger().materials.first?.deleted, true)
    }

    func testVideoMaterialSendsItsTitleAndIntroductionAsTheDescriptionField() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let material = try await client.addMaterial(type: .video, file: .file(sampleMP4, filename: "clip.mp4"),
                                                    videoTitle: "发布会", videoIntroduction: "三分钟回顾")
        guard case .video(let title, let introduction, let url) = try await client.getMaterial(mediaID: material.mediaID) else {
            return XCTFail("a video material comes back as its description and a link")
        }
        XCTAssertEqual(title, "发布会")
        XCTAssertEqual(introduction, "三分钟回顾")
        XCTAssertFalse(url.isEmpty)
    }

    func testTemporaryMediaRoundTripsThroughUploadAndGet() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let media = try await client.uploadTempMedia(type: .image, file: try MediaFile.image(SampleMedia.png, baseName: "shot"))
        XCTAssertEqual(media.type, "image")
        XCTAssertEqual(media.createdAt, SandboxHarness.start)
        guard case .file(let data, _, let filename) = try await client.getMedia(mediaID: media.mediaID) else {
            return XCTFail("an image comes back as bytes")
        }
        XCTAssertEqual(data, SampleMedia.png)
        XCTAssertEqual(filename, "shot.png")
    }

    func testAnUnknownMediaIDIsAFatalErrorWithItsRidAndIsNotRetried() async throws {
        let sandbox = try SandboxHarness()
        do {
            _ = try await sandbox.client().getMedia(mediaID: "no-such-media")
            XCTFail("unknown media")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 40007)
            XCTAssertEqual(error.classification, .fatal)
            XCTAssertEqual(error.attempts, 1)
            XCTAssertNotNil(error.rid)
            XCTAssertTrue(error.description.hasPrefix("WeChat API getMedia failed (/cgi-bin/media/get): WeChat does not know this media_id"), error.description)
        }
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/media/get"), 1)
    }

    func testATemporaryVideoComesBackAsALink() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let media = try await client.uploadTempMedia(type: .video, file: .file(sampleMP4, filename: "clip.mp4"))
        guard case .videoURL(let url) = try await client.getMedia(mediaID: media.mediaID) else {
            return XCTFail("videos come back as a link")
        }
        XCTAssertTrue(url.hasPrefix(sandbox.server.baseURL.absoluteString), url)
    }
}
