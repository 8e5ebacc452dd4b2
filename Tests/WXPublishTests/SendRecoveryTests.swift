import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// A send whose answer never arrives: WeChat acted, wxpub does not know. The clientmsgid makes the
/// retry safe — WeChat answers 45065 with the original msg_id — and nothing goes out twice.
final class SendRecoveryTests: XCTestCase {
    static func onePostSite() throws -> TestSite {
        try TestSite(
            [
                "wxpub.yml": TestSite.config(),
                "content/posts/2026-11-20-only.md": TestSite.post([("title", "唯一一篇")], body: "正文。\n\n![](../images/a.png)"),
            ],
            images: ["content/images/cover.png": TestImage.png(seed: 1), "content/images/a.png": TestImage.png(seed: 2)])
    }

    /// A dropped connection is noticed by the request timeout: keep it short.
    static let quickTransport = URLSessionTransport(timeout: 2, resourceTimeout: 4)

    /// Drops every answer from the moment the send is journaled.
    static func dropAnswersFromTheSend(_ server: SandboxServer) -> @Sendable (String) throws -> Void {
        { label in if label.hasSuffix(":sending") { server.faults = SandboxFaults(dropRate: 1) } }
    }

    func testSendAppliedButAnswerLostIsConfirmedByTheRerunWith45065() async throws {
        let site = try Self.onePostSite()
        let account = try SandboxAccount(retryPolicy: .none, transport: Self.quickTransport)
        let first = try await account.publish(site, hook: Self.dropAnswersFromTheSend(account.server))
        guard case .failed(let why) = first.outcomes.first?.result else { return XCTFail("\(first.outcomes.map(\.result.text))") }
        XCTAssertTrue(why.contains("network"), why)
        XCTAssertEqual(account.ledger.broadcasts.count, 1, "the sandbox applied the send")
        let entry = try XCTUnwrap(try account.journal().entries.values.first)
        XCTAssertEqual(entry.step, .sending, "the journal cannot know; it keeps the send open")
        XCTAssertNotNil(entry.lastError)

        account.server.faults = SandboxFaults()
        account.server.advanceClock(by: 120)
        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.resume])
        let ledger = account.ledger
        XCTAssertEqual(ledger.broadcasts.count, 1, "exactly one broadcast")
        XCTAssertEqual(outcomes.map(\.result), [.sent(msgID: String(ledger.broadcasts[0].msgID), confirmedEarlier: true)])
        XCTAssertEqual(ledger.callCount("/cgi-bin/draft/add"), 1, "the consumed draft is not replaced by a new one")
        XCTAssertEqual(ledger.callCount("/cgi-bin/message/mass/sendall"), 2)
        let done = try XCTUnwrap(try account.journal().entries[entry.clientMsgID])
        XCTAssertEqual(done.step, .sent)
        XCTAssertEqual(done.msgID, String(ledger.broadcasts[0].msgID))
        XCTAssertEqual(done.draftMediaID, entry.draftMediaID, "retried with the same draft media_id")
        XCTAssertEqual(ledger.broadcasts[0].clientMsgID, entry.clientMsgID)
        XCTAssertNil(done.lastError)
    }

    func testRerunWithinAMinuteWaitsOut45066ThroughTheClientsClockThenConfirms() async throws {
        let site = try Self.onePostSite()
        let account = try SandboxAccount(retryPolicy: .none, transport: Self.quickTransport)
        _ = try await account.publish(site, hook: Self.dropAnswersFromTheSend(account.server))
        account.server.faults = SandboxFaults()

        // Immediately: WeChat answers 45066 (same clientmsgid within 60 s); the client waits a minute.
        let retrying = try SandboxAccount.reconnect(account, site: site, retryPolicy: .default)
        let (_, outcomes) = try await retrying.publisher.run(try site.compile().posts)

        XCTAssertEqual(outcomes.map(\.result.isSent), [true], "\(outcomes.map(\.result.text))")
        XCTAssertEqual(outcomes.first?.result, .sent(msgID: String(account.ledger.broadcasts[0].msgID), confirmedEarlier: true))
        XCTAssertEqual(retrying.waits.all.filter { $0 >= 60 }.count, 1, "one wait of a minute, on the sandbox clock: \(retrying.waits.all)")
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }

    func testDroppedAnswersDuringOneRunAreRetriedWithTheSameClientMsgID() async throws {
        let site = try Self.onePostSite()
        let account = try SandboxAccount(transport: Self.quickTransport)  // default retries
        let dropOnce = Counter()
        let server = account.server
        let (_, outcomes) = try await account.publish(site) { label in
            if label.hasSuffix(":sending") { server.faults = SandboxFaults(dropRate: 1) }
            _ = dropOnce.next(label)
        }
        // Every answer dropped: the client gives up, the entry stays open, nothing doubled.
        XCTAssertTrue(outcomes.allSatisfy { if case .failed = $0.result { return true } else { return false } })
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
        XCTAssertGreaterThan(account.ledger.callCount("/cgi-bin/message/mass/sendall"), 1)
        server.faults = SandboxFaults()
        let again = try await account.publish(site)
        XCTAssertEqual(again.outcomes.map(\.result.isSent), [true])
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }

    func testInterruptedSendOfAnEditedPostIsSettledBeforeTheNewVersion() async throws {
        let site = try Self.onePostSite()
        let account = try SandboxAccount(retryPolicy: .none, transport: Self.quickTransport)
        _ = try await account.publish(site, hook: Self.dropAnswersFromTheSend(account.server))
        account.server.faults = SandboxFaults()
        account.server.advanceClock(by: 120)
        try site.write("content/posts/2026-11-20-only.md", TestSite.post([("title", "唯一一篇（改）")], body: "改过的正文。"))

        let dry = try account.planner(try site.config()).plan(
            try site.compile().posts, journal: try account.journal(), media: MediaCache.load(from: account.store), now: account.server.now())
        XCTAssertEqual(dry.broadcasts.map(\.state), [.blocked], "a dry run shows the new version waiting for the open send")
        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(outcomes.first?.result, .sent(msgID: String(account.ledger.broadcasts[0].msgID), confirmedEarlier: true))
        XCTAssertEqual(plan.broadcasts.map(\.state), [.done], "the post counts as delivered by its earlier version")
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }

    func testQuotaRefusalFromThePlatformDefersInsteadOfFailing() async throws {
        let site = try Self.onePostSite()
        let account = try SandboxAccount(type: .subscription)
        try site.write("wxpub.yml", TestSite.config(type: "subscription"))
        // Someone already broadcast today from the web console: the journal does not know.
        let other = try TestSite(
            ["wxpub.yml": TestSite.config(type: "subscription"), "content/posts/x.md": TestSite.post([("title", "别处发的")], body: "x")],
            images: ["content/images/cover.png": TestImage.png(seed: 9)])
        let elsewhere = try SandboxAccount.reconnect(account, site: other, stateDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-other-\(UUID().uuidString)"))
        _ = try await elsewhere.publisher.run(try other.compile().posts)
        XCTAssertEqual(account.ledger.broadcasts.count, 1)

        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready])
        guard case .deferred(let note) = outcomes.first?.result else { return XCTFail("\(outcomes.map(\.result.text))") }
        XCTAssertTrue(note.contains("45028") && note.contains("2026-11-26"), note)
        let entry = try XCTUnwrap(try account.journal().entries.values.first)
        XCTAssertEqual(entry.step, .draftAdded, "nothing went out: the entry does not hold a quota slot")
        XCTAssertEqual(try account.journal().quotaUsed(account: entry.account, window: "2026-11-25", tagSendsCount: true), 0)

        account.server.setClock(SandboxAccount.beijing("2026-11-26T00:00:00"))
        let next = try await account.publish(site)
        XCTAssertEqual(next.outcomes.map(\.result.isSent), [true])
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/draft/add"), 2, "the kept draft is sent; no new one")
        XCTAssertEqual(account.ledger.broadcasts.last?.titles, ["唯一一篇"])
    }
}

extension SandboxAccount {
    /// A second client (another process, in effect) on the same sandbox, publishing `site`.
    struct Reconnected {
        let client: WeChatClient
        let publisher: Publisher
        let waits: WaitLog
    }

    static func reconnect(_ account: SandboxAccount, site: TestSite, retryPolicy: RetryPolicy = .default, stateDirectory: URL? = nil) throws -> Reconnected {
        let server = account.server
        let waits = WaitLog()
        let directory = stateDirectory ?? account.stateDirectory
        let client = WeChatClient(
            credentials: WeChatCredentials(appID: server.configuration.appID, secret: server.configuration.secret), baseURL: server.baseURL,
            transport: SendRecoveryTests.quickTransport, stateDirectory: directory, retryPolicy: retryPolicy, clock: server.clock,
            sleeper: { seconds in
                waits.append(seconds)
                server.advanceClock(by: seconds)
            })
        let publisher = Publisher(planner: account.planner(try site.config()), client: client, store: FileStateStore(directory: directory), clock: server.clock)
        return Reconnected(client: client, publisher: publisher, waits: waits)
    }
}
