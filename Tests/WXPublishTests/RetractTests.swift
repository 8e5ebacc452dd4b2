import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// `wxpub retract`: mass/delete of a sent broadcast (or one article of it), recorded in the
/// journal so the post is never sent again, and shown by `status`.
final class RetractTests: XCTestCase {
    /// Two posts bundled into one broadcast on a subscription account, sent, and delivered.
    func sentBundle() async throws -> (TestSite, SandboxAccount, Retractor) {
        let site = try SchedulerTests.site(type: "subscription", posts: [("2027-02-01-a", [("title", "甲")]), ("2027-02-02-b", [("title", "乙")])])
        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2027-03-01T21:00:00"))
        try await account.publish(site)
        account.server.advanceClock(by: 3600)
        let planner = account.planner(try site.config())
        return (site, account, Retractor(account: planner.account, client: account.client, store: account.store, clock: account.server.clock))
    }

    func testRetractingAPostOfABundleDeletesOnlyItsArticleAndItIsNeverSentAgain() async throws {
        let (site, account, retractor) = try await sentBundle()
        let msgID = String(account.ledger.broadcasts[0].msgID)

        let targets = try retractor.targets(for: "b")
        XCTAssertEqual(targets.map(\.msgID), [msgID])
        XCTAssertEqual(targets.map(\.article), [2], "乙 is the second article of the bundle")
        try await retractor.retract(targets[0])

        XCTAssertEqual(account.ledger.broadcasts[0].deletedArticles, [2])
        XCTAssertEqual(account.ledger.broadcasts[0].status, "SEND_SUCCESS", "the rest of the broadcast stays")
        let draft = try XCTUnwrap(account.ledger.broadcasts[0].mediaID)
        let page = { (n: Int) in try await URLSession.shared.data(from: account.server.baseURL.appendingPathComponent("s/draft/\(draft)/\(n)")) }
        let kept = try await page(1).1 as? HTTPURLResponse
        let gone = try await page(2).1 as? HTTPURLResponse
        XCTAssertEqual(kept?.statusCode, 200)
        XCTAssertEqual(gone?.statusCode, 410, "the retracted article no longer opens")
        let entry = try XCTUnwrap(try account.journal().entries.values.first)
        XCTAssertEqual(entry.retractedArticles, [2])
        XCTAssertEqual(entry.step, .sent)

        account.server.advanceClock(by: 86400)
        let (plan, _) = try await account.publish(site)
        XCTAssertEqual(plan.broadcasts.map(\.state), [.done])
        XCTAssertEqual(account.ledger.broadcasts.count, 1, "a retracted post is not sent again")
    }

    func testRetractingAMsgIDDeletesTheWholeBroadcastAndStatusShowsIt() async throws {
        let (_, account, retractor) = try await sentBundle()
        let msgID = String(account.ledger.broadcasts[0].msgID)

        let targets = try retractor.targets(for: msgID)
        XCTAssertEqual(targets.map(\.article), [0])
        try await retractor.retract(targets[0])

        XCTAssertEqual(account.ledger.broadcasts[0].status, "DELETE")
        XCTAssertEqual(account.ledger.broadcasts[0].deletedArticles, [1, 2])
        XCTAssertTrue(try XCTUnwrap(try account.journal().entries.values.first).isRetracted)
        let rows = try await StatusChecker(account: retractor.account, client: account.client, store: account.store, clock: account.server.clock).refresh()
        XCTAssertEqual(rows.map(\.status), ["DELETE"])
        XCTAssertEqual(rows.map(\.retractedArticles), [[0]])
    }

    func testAnArticleBeyondTheBroadcastAndAnUnknownPostAreRefusedBeforeAnyCall() async throws {
        let (_, account, retractor) = try await sentBundle()
        let msgID = String(account.ledger.broadcasts[0].msgID)

        XCTAssertThrowsError(try retractor.targets(for: msgID, article: 3)) { XCTAssertTrue("\($0)".contains("has 2 articles"), "\($0)") }
        XCTAssertThrowsError(try retractor.targets(for: "nope")) { XCTAssertTrue("\($0)".contains("no sent broadcast of `nope`"), "\($0)") }
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/message/mass/delete"), 0)
    }

    func testABroadcastStillSendingCannotBeRetractedAndTheJournalIsUnchanged() async throws {
        let site = try SchedulerTests.site(type: "subscription", posts: [("2027-02-01-a", [("title", "甲")])])
        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2027-03-01T21:00:00"))
        try await account.publish(site)
        let retractor = Retractor(account: account.planner(try site.config()).account, client: account.client, store: account.store, clock: account.server.clock)

        let target = try XCTUnwrap(try retractor.targets(for: "a").first)
        do {
            try await retractor.retract(target)
            XCTFail("mass/delete only takes finished sends")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 40059)
        }
        XCTAssertNil(try account.journal().entries.values.first?.retractedArticles)
    }
}
