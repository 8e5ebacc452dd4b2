import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

final class MassSendEndpointTests: XCTestCase {
    func testSendAllToATagIsAcceptedThenReportedSentThenDeleted() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let tag = try XCTUnwrap(sandbox.server.audience().tags.first)
        let draft = try await client.testDraft(cover: try await client.testCover())
        let result = try await client.massSendAll(audience: .tag(tag.id), message: .mpnews(mediaID: draft), clientMsgID: "post-1")
        XCTAssertFalse(result.wasAlreadySent)
        XCTAssertNotNil(result.msgDataID)
        let broadcast = try XCTUnwrap(sandbox.ledger().broadcasts.first)
        XCTAssertEqual(String(broadcast.msgID), result.msgID)
        XCTAssertEqual(broadcast.filter?.isToAll, false)
        XCTAssertEqual(broadcast.filter?.tagID, tag.id)
        XCTAssertEqual(broadcast.clientMsgID, "post-1")
        let accepted = try await client.massStatus(msgID: result.msgID).status
        XCTAssertEqual(accepted, "SENDING")
        sandbox.server.advanceClock(by: 60)
        let delivered = try await client.massStatus(msgID: result.msgID).status
        XCTAssertEqual(delivered, "SEND_SUCCESS")
        try await client.massDelete(msgID: result.msgID)
        let afterDelete = try await client.massStatus(msgID: result.msgID).status
        XCTAssertEqual(afterDelete, "DELETE")
    }

    func testSendToAnOpenIDListReachesExactlyThoseFollowers() async throws {
        let sandbox = try SandboxHarness(accountType: .service)
        let client = sandbox.client()
        let recipients = Array(sandbox.server.audience().followers.prefix(5))
        let results = try await client.massSend(openIDs: recipients + [recipients[0]], message: .text("通知：明天发布"), clientMsgID: "notice-1")
        XCTAssertEqual(results.count, 1)
        XCTAssertEqual(results[0].clientMsgID, "notice-1")
        XCTAssertEqual(sandbox.ledger().broadcasts.first?.touser, recipients)
    }

    func testMoreThanTenThousandOpenIDsGoOutInBatchesThatARerunDoesNotResend() async throws {
        let sandbox = try SandboxHarness(accountType: .service, followers: 25_000)
        let client = sandbox.client()
        let everyone = sandbox.server.audience().followers
        let results = try await client.massSend(openIDs: everyone, message: .text("大家好"), clientMsgID: "all-by-list")
        XCTAssertEqual(results.map(\.clientMsgID), (0..<3).map { ClientMsgID.batch("all-by-list", index: $0) })
        let broadcasts = sandbox.ledger().broadcasts
        XCTAssertEqual(broadcasts.map { $0.touser?.count ?? 0 }, [8_334, 8_333, 8_333])
        XCTAssertEqual(broadcasts.flatMap { $0.touser ?? [] }, everyone)

        sandbox.server.advanceClock(by: 120)
        let rerun = try await client.massSend(openIDs: everyone, message: .text("大家好"), clientMsgID: "all-by-list")
        XCTAssertEqual(rerun.map(\.msgID), results.map(\.msgID))
        XCTAssertTrue(rerun.allSatisfy(\.wasAlreadySent))
        XCTAssertEqual(sandbox.ledger().broadcasts.count, 3)
    }

    func testSendToOneOpenIDIsRejectedLocally() async throws {
        let sandbox = try SandboxHarness()
        do {
            _ = try await sandbox.client().massSend(openIDs: ["a", "a"], message: .text("x"), clientMsgID: "k")
            XCTFail("one recipient")
        } catch let error as WeChatAPIError {
            XCTAssertTrue(error.description.contains("at least 2 different recipients"), error.description)
        }
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/message/mass/send"), 0)
    }

    func testPreviewGoesToOneFollower() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let openID = try XCTUnwrap(sandbox.server.audience().followers.first)
        let draft = try await client.testDraft(cover: try await client.testCover())
        try await client.massPreview(to: .openID(openID), message: .mpnews(mediaID: draft))
        XCTAssertEqual(sandbox.ledger().previews.first?.touser, openID)
        try await client.massPreview(to: .wxName("editor-wx"), message: .mpnews(mediaID: draft))
        XCTAssertEqual(sandbox.ledger().previews.last?.towxname, "editor-wx")
        XCTAssertTrue(sandbox.ledger().broadcasts.isEmpty)
    }

    func testASecondSendWithTheSameClientMsgIDReturnsTheFirstMsgID() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let tag = try XCTUnwrap(sandbox.server.audience().tags.first)
        let first = try await client.massSendAll(audience: .tag(tag.id), message: .text("一"), clientMsgID: "same-key")
        sandbox.server.advanceClock(by: 120)
        let again = try await client.massSendAll(audience: .tag(tag.id), message: .text("一"), clientMsgID: "same-key")
        XCTAssertTrue(again.wasAlreadySent)
        XCTAssertEqual(again.msgID, first.msgID)
        XCTAssertEqual(sandbox.ledger().broadcasts.count, 1)
    }

    func testSendByOpenIDOnASubscriptionAccountNamesTheMissingRight() async throws {
        let sandbox = try SandboxHarness(accountType: .subscription)
        let recipients = Array(sandbox.server.audience().followers.prefix(2))
        do {
            _ = try await sandbox.client().massSend(openIDs: recipients, message: .text("x"), clientMsgID: "k")
            XCTFail("subscription accounts cannot send by OpenID")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.classification, .permission)
            XCTAssertTrue(error.description.contains("the right to mass-send to an OpenID list (verified service accounts"), error.description)
        }
    }

    func testMassSendOnAnUnverifiedAccountNamesTheMissingRight() async throws {
        let sandbox = try SandboxHarness(verified: false)
        do {
            _ = try await sandbox.client().massSendAll(audience: .all, message: .text("x"), clientMsgID: "k")
            XCTFail("unverified")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.classification, .permission)
            XCTAssertTrue(error.description.contains("the mass-send right"), error.description)
        }
    }
}
