import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// What `wxpub publish` and `wxpub status` do when the platform fails in the ways real accounts
/// meet: the right journal state, words an operator can act on, and never a second broadcast.
final class PublishFaultAnswerTests: XCTestCase {
    func faults(_ account: SandboxAccount, _ json: JSONValue) throws {
        var f = account.server.faults
        try f.apply(json)
        account.server.faults = f
    }

    func checker(_ account: SandboxAccount, _ site: TestSite) throws -> StatusChecker {
        StatusChecker(account: account.planner(try site.config()).account, client: account.client, store: account.store, clock: account.server.clock)
    }

    func onlyEntry(_ account: SandboxAccount) throws -> Journal.Entry {
        let entries = try account.journal().entries.values
        XCTAssertEqual(entries.count, 1)
        return try XCTUnwrap(entries.first)
    }

    // MARK: SEND_FAIL and failed publish jobs in `status`

    func testAFailedBroadcastShowsInStatusWithTheReasonAndWhatToDo() async throws {
        let site = try SendRecoveryTests.onePostSite()
        let account = try SandboxAccount()
        try faults(account, ["mass_fail": "err(20013)"])
        try await account.publish(site)
        account.server.advanceClock(by: 10)

        let rows = try await checker(account, site).refresh()

        XCTAssertEqual(rows.map(\.status), ["SEND_FAIL"])
        XCTAssertEqual(rows[0].advice, DeliveryAdvice.massStatus("SEND_FAIL"))
        XCTAssertEqual(try onlyEntry(account).status, "SEND_FAIL")
        let again = try await account.publish(site)
        XCTAssertEqual(again.plan.broadcasts.map(\.state), [.done], "a failed broadcast is not resent behind the operator's back")
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }

    func testAPublishJobRejectedByReviewShowsInStatusNamingTheArticle() async throws {
        let site = try ModeTests.site(mode: "publish")
        let account = try SandboxAccount()
        try faults(account, ["publish_status": 4])
        try await account.publish(site)
        account.server.advanceClock(by: 11)

        let rows = try await checker(account, site).refresh()

        XCTAssertEqual(rows.map(\.status), ["AUDIT_REJECTED"])
        XCTAssertEqual(rows.map(\.kind), [.publish])
        XCTAssertEqual(rows[0].advice?.reason, "publishing failed: the platform's review rejected it (审核不通过) (article 1 《模式》)")
    }

    func testAnOriginalityFailureAndAPlatformFailureHaveTheirOwnWords() async throws {
        for (status, text, reason) in [
            (2, "ORIGINALITY_CHECK_FAILED", "publishing failed: WeChat's originality check (原创校验) failed (article 1 《模式》)"),
            (3, "FAILED", "publishing failed (常规失败, a platform-side failure)"),
            (6, "BANNED", "it was published, then removed by the platform (系统封禁)"),
        ] {
            let site = try ModeTests.site(mode: "publish")
            let account = try SandboxAccount()
            try faults(account, ["publish_status": .int(Int64(status))])
            try await account.publish(site)
            account.server.advanceClock(by: 11)
            let rows = try await checker(account, site).refresh()
            XCTAssertEqual(rows.map(\.status), [text])
            XCTAssertEqual(rows.first?.advice?.reason, reason)
        }
    }

    // MARK: API群发保护

    func testASendWaitingForTheAdministratorIsRecordedShownAndRecordedAsSentOnceConfirmed() async throws {
        let site = try SendRecoveryTests.onePostSite()
        let account = try SandboxAccount()
        try faults(account, ["mass_protection": true])

        let first = try await account.publish(site)
        guard case .deferred(let note) = first.outcomes.first?.result else { return XCTFail("\(first.outcomes.map(\.result.text))") }
        XCTAssertTrue(note.hasPrefix("waiting for the administrator's confirmation (API群发保护, 89505), asked at 2026-11-25 10:00:00 Beijing time"), note)
        let waiting = try onlyEntry(account)
        XCTAssertEqual(waiting.step, .sending, "it may still go out: the quota counts it and nothing else is sent for it")
        XCTAssertEqual(waiting.status, SendAnswers.awaitingConfirmation)
        let rows = try await checker(account, site).refresh()
        XCTAssertEqual(rows.map(\.status), ["AWAITING_CONFIRMATION"])
        XCTAssertEqual(rows.map(\.id), ["-"])
        XCTAssertTrue(rows[0].advice?.fix.contains("within 30 minutes") ?? false)

        account.server.advanceClock(by: 300)
        let asked = try await account.publish(site)
        guard case .deferred(let still) = asked.outcomes.first?.result else { return XCTFail("\(asked.outcomes.map(\.result.text))") }
        XCTAssertTrue(still.contains("89504"), still)

        account.server.settleMassConfirmations(confirm: true)
        account.server.advanceClock(by: 120)
        let confirmed = try await account.publish(site)
        XCTAssertEqual(confirmed.outcomes.map(\.result), [.sent(msgID: String(account.ledger.broadcasts[0].msgID), confirmedEarlier: true)])
        XCTAssertEqual(try onlyEntry(account).step, .sent)
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }

    func testAnUnconfirmedSendIsAskedForAgainAndStillGoesOutOnce() async throws {
        let site = try SendRecoveryTests.onePostSite()
        let account = try SandboxAccount()
        try faults(account, ["mass_protection": true])
        try await account.publish(site)
        account.server.advanceClock(by: 31 * 60)

        let again = try await account.publish(site)
        guard case .deferred(let note) = again.outcomes.first?.result else { return XCTFail("\(again.outcomes.map(\.result.text))") }
        XCTAssertTrue(note.contains("89505"), "a new request: \(note)")
        XCTAssertEqual(account.ledger.confirmations.map(\.state), ["expired", "pending"])
        account.server.settleMassConfirmations(confirm: true)
        account.server.advanceClock(by: 120)
        _ = try await account.publish(site)
        _ = try await account.publish(site)
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
        XCTAssertEqual(try onlyEntry(account).step, .sent)
    }

    // MARK: 40007 to a retried send

    func testARetriedSendAnswered40007IsRecordedAsDeliveredAndNeverSentAgain() async throws {
        let site = try SendRecoveryTests.onePostSite()
        let account = try SandboxAccount(retryPolicy: .none, transport: SendRecoveryTests.quickTransport)
        _ = try await account.publish(site, hook: SendRecoveryTests.dropAnswersFromTheSend(account.server))
        XCTAssertEqual(try onlyEntry(account).step, .sending)
        account.server.faults = SandboxFaults(sendallContentFirst: true)
        account.server.advanceClock(by: 120)

        let (_, outcomes) = try await account.publish(site)

        guard case .skipped(let note) = outcomes.first?.result else { return XCTFail("\(outcomes.map(\.result.text))") }
        XCTAssertTrue(note.hasPrefix("delivered by an earlier attempt whose answer was lost"), note)
        let entry = try onlyEntry(account)
        XCTAssertEqual(entry.step, .sent)
        XCTAssertEqual(entry.status, SendAnswers.deliveredWithoutMsgID)
        XCTAssertNil(entry.msgID)
        XCTAssertNil(entry.lastError)
        let third = try await account.publish(site)
        XCTAssertEqual(third.plan.broadcasts.map(\.state), [.done])
        XCTAssertEqual(third.plan.broadcasts.map(\.note), ["sent (msg_id unknown: an attempt whose answer was lost delivered it)"])
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/message/mass/sendall"), 2, "the third run sends nothing")
        let rows = try await checker(account, site).refresh()
        XCTAssertEqual(rows.map(\.status), [SendAnswers.deliveredWithoutMsgID])
    }

    // MARK: draft/add refusals

    func testCommentsOnAnAccountWithoutThemNameThePostAndSuggestClosingThem() async throws {
        let site = try TestSite(
            [
                "wxpub.yml": TestSite.config(),
                "content/posts/2026-11-20-talk.md": TestSite.post([("title", "欢迎留言"), ("comments", "open")], body: "正文。"),
            ],
            images: ["content/images/cover.png": TestImage.png(seed: 1)])
        let account = try SandboxAccount()
        try faults(account, ["no_comment_privilege": true])

        let first = try await account.publish(site)
        guard case .failed(let why) = first.outcomes.first?.result else { return XCTFail("\(first.outcomes.map(\.result.text))") }
        XCTAssertTrue(why.contains("comments are open on content/posts/2026-11-20-talk.md"), why)
        XCTAssertTrue(why.contains("set `comments: closed` in the front matter of that post"), why)

        try site.write("content/posts/2026-11-20-talk.md", TestSite.post([("title", "欢迎留言"), ("comments", "closed")], body: "正文。"))
        let second = try await account.publish(site)
        XCTAssertEqual(second.outcomes.map(\.result.isSent), [true])
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }

    func testRefusedContentNamesThePostAndTheLikelyCause() async throws {
        let account = try SandboxAccount()
        try faults(account, ["draft_store": "real"])
        let cover = try await account.client.addMaterial(type: .image, file: try MediaFile.image(TestImage.png(seed: 3), baseName: "c")).mediaID
        let article = DraftArticle(
            title: "视频", content: #"<p>看</p><iframe src="https://v.qq.com/x"></iframe><script>x()</script><img src="https://example.com/a.png">"#,
            thumbMediaID: cover)
        do {
            _ = try await account.client.addDraft(articles: [article])
            XCTFail("45166")
        } catch let error as WeChatAPIError {
            let explained = DraftRefusal.explain(error, posts: [("content/posts/video.md", article)])
            XCTAssertEqual(explained.errcode, 45166)
            XCTAssertEqual(
                explained.reason,
                "WeChat refused the article content (45166 invalid content); the likely cause: content/posts/video.md: a <script> element; an image not uploaded to WeChat (https://example.com/a.png); the tag <iframe>, which WeChat's editor does not keep")
            XCTAssertTrue(explained.description.contains("content/posts/video.md"))
        }
    }

    func testRefusedContentWithNoKnownCauseSaysSo() {
        let error = WeChatAPIError(operation: "addDraft", classification: .fatal, errcode: 45166, errmsg: "invalid content rid: x", reason: "r", fix: "f")
        let article = DraftArticle(title: "t", content: #"<p><img src="http://mmbiz.qpic.cn/a/0"></p>"#, thumbMediaID: "m")
        let explained = DraftRefusal.explain(error, posts: [("content/posts/a.md", article)])
        XCTAssertTrue(explained.reason.contains("without saying why; no script, outside image or refused tag was found"), explained.reason)
    }
}

extension PublishFaultAnswerTests {
    /// Switches the sandbox after the first sendall request: the retry meets a fresh token
    /// requirement (tokens invalidated) and a platform that checks the draft first.
    struct InvalidateAfterFirstSend: HTTPTransport {
        let inner: URLSessionTransport
        let server: SandboxServer
        let sends = Counter()

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            defer {
                if request.url.path.hasSuffix("/message/mass/sendall"), sends.next("") == 1 {
                    server.faults = SandboxFaults(sendallContentFirst: true)
                    server.invalidateTokens()
                }
            }
            return try await inner.send(request)
        }
    }

    /// Found by the fault storms: a send lost, the token invalidated, the repeat after the refresh
    /// answered 40007. It went out: recorded as delivered, never reset to "draft added" (which
    /// made every later run fail on 40007 once WeChat forgot the clientmsgid).
    func testASendLostBeforeATokenRefreshIsRecordedAsDelivered() async throws {
        let site = try SendRecoveryTests.onePostSite()
        let box = ServerBox()
        let account = try SandboxAccount(retryPolicy: RetryPolicy(maxAttempts: 3, maxTotalDelay: 300), transport: box)
        box.target = InvalidateAfterFirstSend(inner: SendRecoveryTests.quickTransport, server: account.server)
        let server = account.server
        let (_, outcomes) = try await account.publish(site) { label in
            if label.hasSuffix(":sending") { server.faults = SandboxFaults(dropRate: 1) }
        }
        guard case .skipped(let note) = outcomes.first?.result else { return XCTFail("\(outcomes.map(\.result.text))") }
        XCTAssertTrue(note.hasPrefix("delivered by an earlier attempt"), note)
        XCTAssertEqual(try onlyEntry(account).step, .sent)
        server.faults = SandboxFaults()
        server.advanceClock(by: 86400 + 60)
        let later = try await account.publish(site)
        XCTAssertEqual(later.plan.broadcasts.map(\.state), [.done])
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }
}

/// A transport whose target is set after the account (and its server) exist.
final class ServerBox: HTTPTransport, @unchecked Sendable {
    var target: (any HTTPTransport)?
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { try await target!.send(request) }
}
