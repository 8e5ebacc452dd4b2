import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

final class QuotaErrorTests: XCTestCase {
    func testASecondBroadcastOnASubscriptionAccountTheSameDayIsAQuotaErrorNotRetried() async throws {
        let sandbox = try SandboxHarness(accountType: .subscription)
        let client = sandbox.client()
        _ = try await client.massSendAll(audience: .all, message: .text("今天的第一条"), clientMsgID: "day-1-a")
        do {
            _ = try await client.massSendAll(audience: .all, message: .text("今天的第二条"), clientMsgID: "day-1-b")
            XCTFail("one broadcast a day")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 45028)
            XCTAssertEqual(error.classification, .quota)
            XCTAssertEqual(error.attempts, 1)
            XCTAssertTrue(error.description.contains("no mass-send quota left"), error.description)
        }
        XCTAssertTrue(sandbox.transcript.sleeps.isEmpty)
        XCTAssertEqual(sandbox.ledger().broadcasts.count, 1)
    }

    func testADailyCallLimitIsAQuotaErrorNamingTheOperation() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        for _ in 0..<10 {
            do { try await client.massDelete(msgID: "1") } catch let error as WeChatAPIError { XCTAssertEqual(error.errcode, 40059) }
        }
        do {
            try await client.massDelete(msgID: "1")
            XCTFail("mass/delete allows 10 calls a day")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 45009)
            XCTAssertEqual(error.classification, .quota)
            XCTAssertTrue(error.description.contains("the daily quota for massDelete is used up"), error.description)
        }
    }
}
