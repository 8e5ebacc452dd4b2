import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

/// What the client makes of each platform failure the sandbox can be switched into: the right
/// class, the operator's words, and never a repeat that could act twice.
final class FaultAnswerTests: XCTestCase {
    func faults(_ sandbox: SandboxHarness, _ json: JSONValue) throws {
        var f = sandbox.server.faults
        try f.apply(json)
        sandbox.server.faults = f
    }

    func testAddressNotOnTheWhitelistIsNamedWithWhereToAddIt() async throws {
        let sandbox = try SandboxHarness()
        try faults(sandbox, ["ip_not_whitelisted": "203.0.113.7"])
        do {
            _ = try await sandbox.client().accessToken()
            XCTFail("the token call is refused")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 40164)
            XCTAssertEqual(error.classification, .fatal)
            XCTAssertEqual(error.attempts, 1, "refusals are not retried")
            XCTAssertEqual(error.reason, "WeChat refused the token request from 203.0.113.7: that address is not on the account's IP whitelist")
            XCTAssertEqual(error.fix, "add 203.0.113.7 to the IP whitelist (IP白名单) under 公众平台 → 设置与开发 → 基本配置, wait a minute for it to apply, then run again")
        }
    }

    func testAPIPathTheAccountMayNotCallIsAPermissionErrorNamingTheRight() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let draft = try await client.testDraft(cover: try await client.testCover())
        try faults(sandbox, ["unauthorized_paths": ["/cgi-bin/freepublish/submit"]])
        do {
            _ = try await client.submitPublish(mediaID: draft)
            XCTFail("refused")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 48001)
            XCTAssertEqual(error.classification, .permission)
            XCTAssertNil(error.httpStatus, "HTTP 200, a platform error")
            XCTAssertTrue(error.reason.contains("the publishing right (发布能力"), error.reason)
        }
    }

    func testErrorBodiesServedAsPlainTextAreStillThePlatformsErrors() async throws {
        let sandbox = try SandboxHarness()
        try faults(sandbox, ["text_plain_errors": true, "unauthorized_paths": ["/cgi-bin/draft/count"]])
        do {
            _ = try await sandbox.client().draftCount()
            XCTFail("refused")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 48001)
            XCTAssertNotNil(error.rid)
        }
    }

    func testTruncatedAnswerToAKeyedSendIsRetriedWithTheSameKeyAndConfirmedOnce() async throws {
        let sandbox = try SandboxHarness()
        let server = sandbox.server
        let client = sandbox.client(retry: RetryPolicy(maxAttempts: 4, maxTotalDelay: 300), onSleep: { _ in server.faults = SandboxFaults() })
        let draft = try await client.testDraft(cover: try await client.testCover())
        try faults(sandbox, ["truncate_rate": 1])
        let result = try await client.massSendAll(audience: .tag(2), message: .mpnews(mediaID: draft), clientMsgID: "cut-off")
        XCTAssertTrue(result.wasAlreadySent, "the cut-off answer's send is confirmed by 45066, a minute's wait, then 45065")
        XCTAssertEqual(sandbox.ledger().broadcasts.map(\.clientMsgID), ["cut-off"])
        XCTAssertEqual(result.msgID, String(sandbox.ledger().broadcasts[0].msgID))
        XCTAssertEqual(sandbox.transcript.events.filter { $0.operation == "massSendAll" && $0.kind == .request }.compactMap(\.errcode), [45066, 45065])
        XCTAssertTrue(sandbox.transcript.sleeps.contains { $0 >= 60 }, "\(sandbox.transcript.sleeps)")
    }

    func testGatewayErrorAfterADraftAddIsNotRepeated() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let cover = try await client.testCover()
        try faults(sandbox, ["http_5xx_rate": 1])
        do {
            _ = try await client.testDraft(cover: cover)
            XCTFail("502")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.httpStatus, 502)
            XCTAssertEqual(error.classification, .retryable)
            XCTAssertTrue(error.mayHaveBeenApplied)
            XCTAssertEqual(error.attempts, 1, "draft/add is not repeated after an answer that may hide a success")
        }
        XCTAssertEqual(sandbox.ledger().drafts.count, 1, "it did take effect")
    }

    func testStalledAnswerIsATimeoutAndTheKeyedSendIsConfirmedOnce() async throws {
        let sandbox = try SandboxHarness()
        let server = sandbox.server
        let client = WeChatClient(
            credentials: sandbox.credentials, baseURL: server.baseURL, transport: URLSessionTransport(timeout: 1, resourceTimeout: 3),
            retryPolicy: RetryPolicy(maxAttempts: 4, maxTotalDelay: 300), clock: SandboxServerClock(server: server),
            sleeper: { seconds in
                server.faults = SandboxFaults()
                server.advanceClock(by: seconds)
            })
        let draft = try await client.testDraft(cover: try await client.testCover())
        try faults(sandbox, ["stall_rate": 1])
        let result = try await client.massSendAll(audience: .tag(2), message: .mpnews(mediaID: draft), clientMsgID: "stalled")
        XCTAssertTrue(result.wasAlreadySent)
        XCTAssertEqual(sandbox.ledger().broadcasts.map(\.clientMsgID), ["stalled"])
    }

    /// Sends broadcast `clientMsgID` (at most 3 attempts) with its attempts dropped after the sandbox
    /// acted on them; at the first wait the sandbox stops dropping and answers the repeat 40007
    /// (and with `invalidatingTokens` also forgets every token). Returns the error the send ended
    /// with (nil, and a failure, when it did not fail) and how many broadcasts the sandbox made.
    func sendLostThenAnswered40007(
        clientMsgID: String, invalidatingTokens: Bool, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> (error: WeChatAPIError?, broadcasts: Int) {
        let sandbox = try SandboxHarness()
        let server = sandbox.server
        let client = sandbox.client(retry: RetryPolicy(maxAttempts: 3, maxTotalDelay: 300), onSleep: { _ in
            server.advanceClock(by: 60)
            var f = SandboxFaults()
            f.sendallContentFirst = true
            server.faults = f
            if invalidatingTokens { server.invalidateTokens() }
        })
        let draft = try await client.testDraft(cover: try await client.testCover())
        try faults(sandbox, ["drop_rate": 1])
        var answer: WeChatAPIError?
        do {
            _ = try await client.massSendAll(audience: .tag(2), message: .mpnews(mediaID: draft), clientMsgID: clientMsgID)
            XCTFail("40007", file: file, line: line)
        } catch let error as WeChatAPIError {
            answer = error
        }
        return (answer, sandbox.ledger().broadcasts.count)
    }

    func testARetryAnswered40007AfterALostAttemptSaysTheEarlierAttemptMayHaveActed() async throws {
        let sent = try await sendLostThenAnswered40007(clientMsgID: "lost", invalidatingTokens: false)
        if let error = sent.error {
            XCTAssertEqual(error.errcode, 40007)
            XCTAssertTrue(error.earlierAttemptMayHaveBeenApplied)
            XCTAssertEqual(error.attempts, 2)
        }
        XCTAssertEqual(sent.broadcasts, 1)
    }

    func testProtectedSendToAllIsAnsweredWithTheConfirmationAdvice() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let draft = try await client.testDraft(cover: try await client.testCover())
        try faults(sandbox, ["mass_protection": true])
        do {
            _ = try await client.massSendAll(audience: .all, message: .mpnews(mediaID: draft), clientMsgID: "guarded")
            XCTFail("89505")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 89505)
            XCTAssertEqual(error.attempts, 1)
            XCTAssertTrue(error.reason.contains("administrator's confirmation"), error.reason)
            XCTAssertTrue(error.fix.contains("within 30 minutes"), error.fix)
        }
    }

    func testFailedPublishJobAdviceNamesTheFailedArticles() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let cover = try await client.testCover()
        let draft = try await client.addDraft(articles: ["春", "夏"].map { DraftArticle(title: $0, content: "<p>x</p>", thumbMediaID: cover) })
        try faults(sandbox, ["publish_status": 4, "publish_fail_idx": [2]])
        let job = try await client.submitPublish(mediaID: draft)
        sandbox.server.advanceClock(by: 11)
        let status = try await client.getPublishStatus(publishID: job.publishID)
        XCTAssertEqual(status.state, .auditRejected)
        XCTAssertEqual(status.failedIndexes, [2])
        XCTAssertEqual(
            DeliveryAdvice.publishStatus(status, titles: ["春", "夏"]),
            DeliveryAdvice(reason: "publishing failed: the platform's review rejected it (审核不通过) (article 2 《夏》)",
                           fix: "read the notice in 公众平台, change what it names, then publish again from 公众平台 → 草稿箱"))
    }

    func testSendFailFromMassGetHasAdviceAndSuccessHasNone() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let draft = try await client.testDraft(cover: try await client.testCover())
        try faults(sandbox, ["mass_fail": "err(20013)"])
        let sent = try await client.massSendAll(audience: .tag(2), message: .mpnews(mediaID: draft), clientMsgID: "k")
        sandbox.server.advanceClock(by: 10)
        let status = try await client.massStatus(msgID: sent.msgID)
        XCTAssertEqual(status.status, "SEND_FAIL")
        XCTAssertEqual(DeliveryAdvice.massStatus(status.status)?.fix, "fix what WeChat objects to, then send it again from 公众平台; wxpub will not send this broadcast again by itself")
        XCTAssertNil(DeliveryAdvice.massStatus("SEND_SUCCESS"))
    }
}

extension FaultAnswerTests {
    /// Found by the fault storms: a lost send, then a token refresh, then 40007 — the repeat after
    /// the refresh must still say that an earlier attempt may have gone out.
    func testALostAttemptBeforeATokenRefreshIsRememberedByTheRepeat() async throws {
        let sent = try await sendLostThenAnswered40007(clientMsgID: "lost-then-refreshed", invalidatingTokens: true)
        if let error = sent.error {
            XCTAssertEqual(error.errcode, 40007)
            XCTAssertEqual(error.attempts, 3, "dropped, 40001, then 40007 after the refresh")
            XCTAssertTrue(error.earlierAttemptMayHaveBeenApplied)
        }
        XCTAssertEqual(sent.broadcasts, 1)
    }
}
