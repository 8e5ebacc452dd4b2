import Foundation
import WXSandbox
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The path wxpub takes for a broadcast, end to end over HTTP.
final class PublishingFlowTests: SandboxTestCase {
    func testBroadcastToATagGoesFromDraftToSendSuccessAndIsLedgered() throws {
        let token = try token()
        let image = try client.upload("/cgi-bin/media/uploadimg", ["access_token": token], file: Fixtures.png(size: 4096), filename: "a.png")
        let imageURL = try XCTUnwrap(image.json["url"]?.stringValue)
        XCTAssertTrue(imageURL.hasPrefix("http://127.0.0.1:\(server.port!)/mmbiz/"), imageURL)
        let served = try client.send(URLRequest(url: URL(string: imageURL)!))
        XCTAssertEqual(served.body, Fixtures.png(size: 4096))

        let draft = try addDraft(token, titles: ["第一篇", "第二篇"])
        let sent = try sendAll(token, mediaID: draft, tagID: 100, clientMsgID: "post-1")
        XCTAssertEqual(sent.errcode, 0, sent.text)
        XCTAssertEqual(sent.json["errmsg"]?.stringValue, "send job submission success")
        let msgID = try XCTUnwrap(sent.json["msg_id"]?.intValue)
        XCTAssertNotNil(sent.json["msg_data_id"]?.intValue)

        let sending = try client.post("/cgi-bin/message/mass/get", ["access_token": token], value: ["msg_id": .int(msgID)])
        XCTAssertEqual(sending.json["msg_status"]?.stringValue, "SENDING")
        server.advanceClock(by: 10)
        let done = try client.post("/cgi-bin/message/mass/get", ["access_token": token], value: ["msg_id": .string(String(msgID))])
        XCTAssertEqual(done.json["msg_status"]?.stringValue, "SEND_SUCCESS")

        let ledger = server.ledger()
        XCTAssertEqual(ledger.broadcasts.count, 1)
        let b = ledger.broadcasts[0]
        XCTAssertEqual(b.msgID, msgID)
        XCTAssertEqual(b.clientMsgID, "post-1")
        XCTAssertEqual(b.filter?.isToAll, false)
        XCTAssertEqual(b.filter?.tagID, 100)
        XCTAssertEqual(b.titles, ["第一篇", "第二篇"])
        let members = server.audience().tags.first { $0.id == 100 }!.members.count
        XCTAssertEqual(b.total, members)
        XCTAssertEqual(b.sent, members)
        XCTAssertEqual(ledger.images.map(\.sha256), [SHA256Hex.of(Fixtures.png(size: 4096))])
        XCTAssertEqual(ledger.drafts.first?.status, "sent")
        XCTAssertEqual(ledger.callCount("/cgi-bin/message/mass/sendall"), 1)
    }
}

import WXSupport
enum SHA256Hex {
    static func of(_ data: Data) -> String { SHA256.hex(data) }
}
