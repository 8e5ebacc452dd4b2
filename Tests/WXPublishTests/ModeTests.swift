import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// `mode: publish` (freepublish, no push), `mode: draft` (left for a human), and replacing the
/// draft of a post edited before its send (`--force-new-draft`).
final class ModeTests: XCTestCase {
    static func site(mode: String) throws -> TestSite {
        try TestSite(
            ["wxpub.yml": TestSite.config(),
             "content/posts/2026-11-20-p.md": TestSite.post([("title", "模式"), ("mode", mode)], body: "正文。\n\n![](../images/a.png)")],
            images: ["content/images/cover.png": TestImage.png(seed: 1), "content/images/a.png": TestImage.png(seed: 2)])
    }

    func testPublishModeSubmitsAFreepublishJobAndBroadcastsNothing() async throws {
        let site = try Self.site(mode: "publish")
        let account = try SandboxAccount()

        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.audience), ["-"])
        XCTAssertEqual(plan.broadcasts.map(\.countsAgainstQuota), [false])
        let ledger = account.ledger
        XCTAssertEqual(ledger.publishes.map(\.titles), [["模式"]])
        XCTAssertTrue(ledger.broadcasts.isEmpty)
        XCTAssertEqual(outcomes.map(\.result), [.published(publishID: ledger.publishes[0].publishID)])
        let entry = try XCTUnwrap(try account.journal().entries.values.first)
        XCTAssertEqual(entry.publishID, ledger.publishes[0].publishID)
        XCTAssertEqual(entry.step, .sent)

        try await account.publish(site)
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/freepublish/submit"), 1, "published once")
    }

    func testPublishSubmitWhoseAnswerWasLostIsNeverSubmittedAgain() async throws {
        let site = try Self.site(mode: "publish")
        let account = try SandboxAccount(retryPolicy: .none, transport: SendRecoveryTests.quickTransport)
        let first = try await account.publish(site, hook: SendRecoveryTests.dropAnswersFromTheSend(account.server))
        guard case .failed = first.outcomes.first?.result else { return XCTFail("\(first.outcomes.map(\.result.text))") }
        XCTAssertEqual(account.ledger.publishes.count, 1, "the sandbox carried out the submit")
        account.server.faults = SandboxFaults()

        let (_, outcomes) = try await account.publish(site)

        guard case .skipped(let note) = outcomes.first?.result else { return XCTFail("\(outcomes.map(\.result.text))") }
        XCTAssertTrue(note.contains("发表记录"), note)
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/freepublish/submit"), 1, "submitted once")
        XCTAssertEqual(try account.journal().entries.values.map(\.step), [.sent])
        try await account.publish(site)
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/freepublish/submit"), 1)
    }

    func testPublishSubmitThatNeverArrivedIsSubmittedOnTheRerun() async throws {
        let site = try Self.site(mode: "publish")
        let account = try SandboxAccount()
        do {
            try await account.publish(site) { label in if label.hasSuffix(":sending") { throw SimulatedCrash(at: label) } }
            XCTFail("should have stopped before the submit")
        } catch is SimulatedCrash {}

        let (_, outcomes) = try await account.publish(site)

        XCTAssertEqual(outcomes.map(\.result), [.published(publishID: try XCTUnwrap(account.ledger.publishes.first?.publishID))])
        XCTAssertEqual(account.ledger.publishes.count, 1)
    }

    func testLostPublishSubmitOfAnEditedPostCountsAsItsDelivery() async throws {
        let site = try Self.site(mode: "publish")
        let account = try SandboxAccount(retryPolicy: .none, transport: SendRecoveryTests.quickTransport)
        _ = try await account.publish(site, hook: SendRecoveryTests.dropAnswersFromTheSend(account.server))
        account.server.faults = SandboxFaults()
        try site.write("content/posts/2026-11-20-p.md", TestSite.post([("title", "模式（改）"), ("mode", "publish")], body: "改了。"))

        let (plan, _) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.done])
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/freepublish/submit"), 1)
    }

    func testDraftModeLeavesOneDraftAndNothingElse() async throws {
        let site = try Self.site(mode: "draft")
        let account = try SandboxAccount()

        let (_, outcomes) = try await account.publish(site)
        try await account.publish(site)

        let ledger = account.ledger
        XCTAssertEqual(ledger.drafts.map(\.status), ["draft"])
        XCTAssertEqual(outcomes.map(\.result), [.drafted(mediaID: ledger.drafts[0].mediaID)])
        XCTAssertTrue(ledger.broadcasts.isEmpty)
        XCTAssertTrue(ledger.publishes.isEmpty)
        XCTAssertEqual(ledger.callCount("/cgi-bin/draft/add"), 1)
        XCTAssertEqual(try account.journal().entries.values.map(\.step), [.drafted])
    }

    /// The first run stops with the draft added but not sent; then the editor changes the post.
    func draftedThenEdited() async throws -> (TestSite, SandboxAccount, oldDraft: String) {
        let site = try Self.site(mode: "broadcast")
        let account = try SandboxAccount()
        do {
            try await account.publish(site) { label in if label.hasSuffix(":draft_added") { throw SimulatedCrash(at: label) } }
            XCTFail("should have stopped after draft/add")
        } catch is SimulatedCrash {}
        let oldDraft = try XCTUnwrap(try account.journal().entries.values.first?.draftMediaID)
        try site.write("content/posts/2026-11-20-p.md", TestSite.post([("title", "模式（修订）")], body: "改过的正文。\n\n![](../images/a.png)"))
        return (site, account, oldDraft)
    }

    func testPostEditedAfterItsDraftWasAddedIsBlockedWithoutForceNewDraft() async throws {
        let (site, account, oldDraft) = try await draftedThenEdited()

        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.blocked])
        XCTAssertTrue(plan.broadcasts[0].note?.contains("--force-new-draft") ?? false)
        XCTAssertTrue(plan.broadcasts[0].note?.contains(oldDraft) ?? false)
        guard case .skipped = outcomes.first?.result else { return XCTFail("\(outcomes.map(\.result.text))") }
        XCTAssertTrue(account.ledger.broadcasts.isEmpty)
        XCTAssertEqual(account.ledger.drafts.map(\.status), ["draft"])
    }

    func testForceNewDraftDeletesTheOldDraftAndSendsTheNewVersionOnce() async throws {
        let (site, account, oldDraft) = try await draftedThenEdited()

        let (plan, outcomes) = try await account.publish(site, options: Planner.Options(forceNewDraft: true))

        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready])
        XCTAssertEqual(outcomes.map(\.result.isSent), [true])
        let ledger = account.ledger
        XCTAssertEqual(ledger.drafts.first { $0.mediaID == oldDraft }?.status, "deleted")
        XCTAssertEqual(ledger.broadcasts.map(\.titles), [["模式（修订）"]])
        XCTAssertNotEqual(ledger.broadcasts[0].mediaID, oldDraft)
        XCTAssertEqual(ledger.callCount("/cgi-bin/media/uploadimg"), 1, "the unchanged image is not uploaded again")
        let journal = try account.journal()
        XCTAssertEqual(journal.entries.count, 1, "the replaced entry is gone from the journal")
        XCTAssertEqual(journal.entries.values.first?.titles, ["模式（修订）"])

        let again = try await account.publish(site, options: Planner.Options(forceNewDraft: true))
        XCTAssertEqual(again.plan.broadcasts.map(\.state), [.done])
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }
}
