import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// The account's broadcast quota in Beijing calendar windows: 订阅号 one a day, 服务号 four sends to
/// all followers a month. Over-quota broadcasts are not attempted; they are deferred with a note.
final class QuotaTests: XCTestCase {
    /// One post a window, so the quota decides (a subscription account bundles by default).
    static func site(type: String, posts: Int, group: String = "all") throws -> TestSite {
        var files = ["wxpub.yml": TestSite.config(type: type, extra: ["bundle: never"])]
        for i in 1...posts {
            files["content/posts/2026-11-\(String(format: "%02d", i))-post\(i).md"] = TestSite.post(
                [("title", "第\(i)篇"), ("groups", "[\(group)]")], body: "正文 \(i)。")
        }
        return try TestSite(files, images: ["content/images/cover.png": TestImage.png(seed: 1)])
    }

    func testSubscriptionAccountSendsOneOfTwoDuePostsAndDefersTheOtherToTomorrow() async throws {
        let site = try Self.site(type: "subscription", posts: 2)
        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2026-11-25T21:00:00"))

        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.quota.window, "2026-11-25")
        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready, .deferred])
        let note = try XCTUnwrap(plan.broadcasts[1].note)
        XCTAssertTrue(note.contains("window 2026-11-26") && note.contains("2026-11-26 00:00"), note)
        XCTAssertEqual(outcomes.map(\.result.isSent), [true, false])
        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["第1篇"]])
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/draft/add"), 1, "a deferred broadcast uploads and drafts nothing")
    }

    func testADeferredPostSuggestsBundlingWithTheBroadcastThatUsesTheWindow() async throws {
        let site = try Self.site(type: "subscription", posts: 2)
        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2026-11-25T21:00:00"))

        let (plan, _) = try await account.publish(site)

        let note = try XCTUnwrap(plan.broadcasts[1].note)
        XCTAssertTrue(note.hasSuffix("or send it in window 2026-11-25 in one broadcast with post1: `wxpub publish post1 post2 --bundle`"), note)
    }

    func testADeferredPostToAnotherAudienceGetsNoBundleSuggestion() async throws {
        var files = ["wxpub.yml": TestSite.config(type: "subscription", extra: ["bundle: never"])]
        files["content/posts/2026-11-01-post1.md"] = TestSite.post([("title", "第1篇"), ("groups", "[all]")], body: "正文。")
        files["content/posts/2026-11-02-post2.md"] = TestSite.post([("title", "第2篇"), ("groups", "[starred]")], body: "正文。")
        let site = try TestSite(files, images: ["content/images/cover.png": TestImage.png(seed: 1)])
        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2026-11-25T21:00:00"))

        let (plan, _) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready, .deferred])
        XCTAssertFalse(plan.broadcasts[1].note?.contains("--bundle") ?? true)
    }

    func testSubscriptionWindowTurnsAtMidnightBeijingTime() async throws {
        let site = try Self.site(type: "subscription", posts: 2)
        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2026-11-25T09:00:00"))
        try await account.publish(site)

        account.server.setClock(SandboxAccount.beijing("2026-11-25T23:59:59"))
        let late = try await account.publish(site)
        XCTAssertEqual(late.plan.broadcasts.map(\.state), [.done, .deferred])
        XCTAssertEqual(account.ledger.broadcasts.count, 1)

        account.server.setClock(SandboxAccount.beijing("2026-11-26T00:00:00"))
        let next = try await account.publish(site)
        XCTAssertEqual(next.plan.quota.window, "2026-11-26")
        XCTAssertEqual(next.plan.broadcasts.map(\.state), [.done, .ready])
        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["第1篇"], ["第2篇"]])
    }

    func testServiceAccountSendsToAllAtMostFourTimesAMonthAcrossRuns() async throws {
        let site = try Self.site(type: "service", posts: 6)
        let account = try SandboxAccount(type: .service, now: SandboxAccount.beijing("2026-11-30T12:00:00"))
        // Three posts go out in one run…
        let three = try site.compile().posts.prefix(3)
        _ = try await account.publisher(try site.config()).run(Array(three))
        XCTAssertEqual(account.ledger.broadcasts.count, 3)

        // …the next run may send one more this month.
        let (plan, outcomes) = try await account.publish(site)
        XCTAssertEqual(plan.quota.usedBefore, 3)
        XCTAssertEqual(plan.broadcasts.map(\.state), [.done, .done, .done, .ready, .deferred, .deferred])
        XCTAssertTrue(plan.broadcasts[5].note?.contains("window 2026-12") ?? false, plan.broadcasts[5].note ?? "")
        XCTAssertEqual(outcomes.filter(\.result.isSent).count, 1)

        account.server.setClock(SandboxAccount.beijing("2026-11-30T23:59:59"))
        let late = try await account.publish(site)
        XCTAssertEqual(late.plan.broadcasts.filter { $0.state == .deferred }.count, 2)
        XCTAssertEqual(account.ledger.broadcasts.count, 4)

        account.server.setClock(SandboxAccount.beijing("2026-12-01T00:00:00"))
        let december = try await account.publish(site)
        XCTAssertEqual(december.plan.quota.window, "2026-12")
        XCTAssertEqual(december.outcomes.filter(\.result.isSent).count, 2)
        let ledger = account.ledger
        XCTAssertEqual(ledger.broadcasts.count, 6)
        let december1 = SandboxAccount.beijing("2026-12-01T00:00:00")
        let inNovember = try ledger.broadcasts.filter { try Date($0.sentAt, strategy: .iso8601) < december1 }
        XCTAssertEqual(inNovember.count, 4, ledger.broadcasts.map(\.sentAt).joined(separator: " "))
    }

    func testServiceAccountTagSendsDoNotUseTheAccountQuota() async throws {
        let site = try Self.site(type: "service", posts: 6, group: "listeners")
        let account = try SandboxAccount(type: .service)

        let (plan, outcomes) = try await account.publish(site)

        XCTAssertTrue(plan.broadcasts.allSatisfy { !$0.countsAgainstQuota })
        XCTAssertEqual(outcomes.filter(\.result.isSent).count, 6)
        XCTAssertEqual(plan.quota.plannedNow, 0)
    }

    func testPostTargetingTwoGroupsIsOneBroadcastPerGroupEachUsingQuota() async throws {
        let site = try TestSite(
            ["wxpub.yml": TestSite.config(type: "subscription"),
             "content/posts/2026-11-20-two.md": TestSite.post([("title", "两组"), ("groups", "[listeners, starred]")], body: "x")],
            images: ["content/images/cover.png": TestImage.png(seed: 1)])
        let account = try SandboxAccount(type: .subscription)

        let (plan, _) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.audience), ["tag:听众交流会", "tag:2"])
        XCTAssertEqual(plan.broadcasts.map(\.countsAgainstQuota), [true, true])
        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready, .deferred])
        XCTAssertEqual(account.ledger.broadcasts.map { $0.filter?.tagID }, [100])
    }
}
