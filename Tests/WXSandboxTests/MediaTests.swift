import Foundation
import WXSandbox
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

final class MediaTests: SandboxTestCase {
    func testUploadImageAcceptsPNGAndJPEGUnderOneMegabyte() throws {
        let token = try token()
        let png = try client.upload("/cgi-bin/media/uploadimg", ["access_token": token], file: Fixtures.png(size: (1 << 20) - 1), filename: "a.png")
        XCTAssertNil(png.errcode, png.text)
        XCTAssertNotNil(png.json["url"]?.stringValue)
        let jpg = try client.upload("/cgi-bin/media/uploadimg", ["access_token": token], file: Fixtures.jpeg(size: 1000), filename: "b.jpg")
        XCTAssertNotNil(jpg.json["url"]?.stringValue)
        XCTAssertEqual(server.ledger().images.map(\.format), ["png", "jpeg"])
    }

    func testUploadImageRefusesOneMegabyteAndOtherFormats() throws {
        let token = try token()
        assertError(try client.upload("/cgi-bin/media/uploadimg", ["access_token": token], file: Fixtures.png(size: 1 << 20), filename: "a.png"), 40009)
        assertError(try client.upload("/cgi-bin/media/uploadimg", ["access_token": token], file: Fixtures.gif(size: 100), filename: "a.gif"), 40005)
        assertError(try client.upload("/cgi-bin/media/uploadimg", ["access_token": token], file: Fixtures.png(size: 100), filename: "noextension"), 40005)
        assertError(try client.post("/cgi-bin/media/uploadimg", ["access_token": token], json: "{}"), 41005)
        XCTAssertTrue(server.ledger().images.isEmpty)
    }

    func testTemporaryMediaCanBeFetchedForThreeDays() throws {
        let token = try token()
        let up = try client.upload("/cgi-bin/media/upload", ["access_token": token, "type": "image"], file: Fixtures.png(size: 500), filename: "t.png")
        XCTAssertEqual(up.json["type"]?.stringValue, "image")
        XCTAssertNotNil(up.json["created_at"]?.intValue)
        let id = try XCTUnwrap(up.json["media_id"]?.stringValue)
        let got = try client.get("/cgi-bin/media/get", ["access_token": token, "media_id": id])
        XCTAssertEqual(got.body, Fixtures.png(size: 500))
        XCTAssertEqual(got.headers["content-type"], "image/png")
        server.advanceClock(by: 3 * 86400)
        assertError(try client.get("/cgi-bin/media/get", ["access_token": try self.token(), "media_id": id]), 40007)
    }

    func testTemporaryMediaChecksTypeAndSize() throws {
        let token = try token()
        assertError(try client.upload("/cgi-bin/media/upload", ["access_token": token, "type": "news"], file: Fixtures.png(size: 10), filename: "t.png"), 40004)
        assertError(try client.upload("/cgi-bin/media/upload", ["access_token": token, "type": "thumb"], file: Fixtures.jpeg(size: 64 * 1024 + 1), filename: "t.jpg"), 40006)
        assertError(try client.upload("/cgi-bin/media/upload", ["access_token": token, "type": "image"], file: Fixtures.png(size: 2 * 1024 * 1024 + 1), filename: "t.png"), 40009)
    }

    func testPermanentImageMaterialReturnsURLAndCanBeReadCountedListedAndDeleted() throws {
        let token = try token()
        let added = try client.upload("/cgi-bin/material/add_material", ["access_token": token, "type": "image"], file: Fixtures.jpeg(size: 3000), filename: "cover.jpg")
        let id = try XCTUnwrap(added.json["media_id"]?.stringValue)
        XCTAssertNotNil(added.json["url"]?.stringValue)
        let bytes = try client.post("/cgi-bin/material/get_material", ["access_token": token], value: ["media_id": .string(id)])
        XCTAssertEqual(bytes.body, Fixtures.jpeg(size: 3000))
        let count = try client.get("/cgi-bin/material/get_materialcount", ["access_token": token])
        XCTAssertEqual(count.json, ["voice_count": 0, "video_count": 0, "image_count": 1, "news_count": 0])
        let list = try client.post("/cgi-bin/material/batchget_material", ["access_token": token], value: ["type": "image", "offset": 0, "count": 20])
        XCTAssertEqual(list.json["total_count"]?.intValue, 1)
        XCTAssertEqual(list.json["item"]?.arrayValue?.first?["media_id"]?.stringValue, id)
        assertError(try client.post("/cgi-bin/material/batchget_material", ["access_token": token], value: ["type": "file", "offset": 0, "count": 20]), 40004)
        let deleted = try client.post("/cgi-bin/material/del_material", ["access_token": token], value: ["media_id": .string(id)])
        XCTAssertEqual(deleted.json, ["errcode": 0, "errmsg": "ok"])
        assertError(try client.post("/cgi-bin/material/get_material", ["access_token": token], value: ["media_id": .string(id)]), 40007)
        XCTAssertEqual(server.ledger().materials.first?.deleted, true)
    }

    func testVideoMaterialTakesItsDescriptionFromTheFormOrTheQuery() throws {
        let token = try token()
        var mp4 = Data([0, 0, 0, 0x18] + Array("ftypmp42".utf8))
        mp4.append(Data(count: 100))
        let form = try client.upload(
            "/cgi-bin/material/add_material", ["access_token": token, "type": "video"], file: mp4, filename: "v.mp4",
            fields: ["description": #"{"title":"视频","introduction":"介绍"}"#])
        let id = try XCTUnwrap(form.json["media_id"]?.stringValue, form.text)
        XCTAssertNil(form.json["url"])
        let video = try client.post("/cgi-bin/material/get_material", ["access_token": token], value: ["media_id": .string(id)])
        XCTAssertEqual(video.json["title"]?.stringValue, "视频")
        XCTAssertEqual(video.json["description"]?.stringValue, "介绍")
        let query = try client.upload(
            "/cgi-bin/material/add_material", ["access_token": token, "type": "video", "description": #"{"title":"t","introduction":"i"}"#], file: mp4,
            filename: "v.mp4")
        XCTAssertNotNil(query.json["media_id"]?.stringValue, query.text)
        assertError(try client.upload("/cgi-bin/material/add_material", ["access_token": token, "type": "video"], file: mp4, filename: "v.mp4"), 47001)
    }

    func testThumbMaterialMustBeASmallJPEG() throws {
        let token = try token()
        assertError(try client.upload("/cgi-bin/material/add_material", ["access_token": token, "type": "thumb"], file: Fixtures.png(size: 100), filename: "t.png"), 40005)
        assertError(try client.upload("/cgi-bin/material/add_material", ["access_token": token, "type": "thumb"], file: Fixtures.jpeg(size: 65537), filename: "t.jpg"), 40006)
        let ok = try client.upload("/cgi-bin/material/add_material", ["access_token": token, "type": "thumb"], file: Fixtures.jpeg(size: 65536), filename: "t.jpg")
        XCTAssertNotNil(ok.json["media_id"]?.stringValue, ok.text)
    }
}

extension MediaTests {
    func testMalformedMultipartIsMediaDataMissing() throws {
        let token = try token()
        var request = URLRequest(url: client.url("/cgi-bin/media/uploadimg", ["access_token": token]))
        request.httpMethod = "POST"
        request.setValue("multipart/form-data; boundary=XYZ", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("--XYZ\r\nContent-Disposition: form-data; name=\"media\"; filename=\"a.png\"\r\n\r\nno closing boundary".utf8)
        assertError(try client.send(request), 41005)
        XCTAssertEqual(try client.get("/__sandbox/ledger").json["images"], [])
    }
}
