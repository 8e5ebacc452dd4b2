import Foundation
import WXContent
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// When posts go out: send_time, priority, bundling per audience, the quota windows in Beijing
/// time, and `wxpub schedule`'s calendar agreeing with what `publish` then does.
final class SchedulerTests: XCTestCase {
    /// A site whose posts are `(file stem, front matter lines)`; every post goes to all followers.
    static func site(type: String, extra: [String] = [], posts: [(String, [(String, String)])]) throws -> TestSite {
        var files = ["wxpub.yml": TestSite.config(type: type, extra: extra)]
        for (stem, fields) in posts {
            files["content/posts/\(stem).md"] = TestSite.post(fields, body: "正文：\(stem)。")
        }
        return try TestSite(files, images: ["content/images/cover.png": TestImage.png(seed: 1)])
    }

    static func five(_ extraFields: [(String, String)] = []) -> [(String, [(String, String)])] {
        (1...5).map { ("2027-02-0\($0)-p\($0)", [("title", "第\($0)篇")] + extraFields) }
    }

    func calendar(_ site: TestSite, now: Date, windows: Int, journal: Journal = Journal()) throws -> Schedule {
        let config = try site.config()
        let planner = Planner(config: config, appID: "wx5a4db0c0ffee0001", apiBase: AccountConnection.sandboxAPIBase)
        return try Scheduler(planner: planner).calendar(try site.compile().posts, journal: journal, media: MediaCache(), now: now, windows: windows)
    }

    // MARK: bundling

    func testSubscriptionAutoBundlesFiveDuePostsIntoOneBroadcastToday() async throws {
        let site = try Self.site(type: "subscription", posts: Self.five())
        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2027-03-01T21:00:00"))

        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready])
        XCTAssertEqual(outcomes.map(\.result.isSent), [true])
        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["第1篇", "第2篇", "第3篇", "第4篇", "第5篇"]])
    }

    func testSubscriptionWithBundleNeverSendsOneTodayAndTheRestOnTheNextDays() throws {
        let site = try Self.site(type: "subscription", extra: ["bundle: never"], posts: Self.five())

        let schedule = try calendar(site, now: SandboxAccount.beijing("2027-03-01T21:00:00"), windows: 6)

        XCTAssertEqual(schedule.windows.map(\.id), ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-06"])
        XCTAssertEqual(schedule.windows.map { $0.broadcasts.map { $0.articles.map(\.title) } }, [[["第1篇"]], [["第2篇"]], [["第3篇"]], [["第4篇"]], [["第5篇"]], []])
        XCTAssertEqual(schedule.windows[0].deferred.map(\.reason), [.quota, .quota, .quota, .quota])
        XCTAssertEqual(schedule.windows.map(\.left), [0, 0, 0, 0, 0, 1])
    }

    func testBundleDefaultsToAutoOnSubscriptionAndNeverOnService() throws {
        XCTAssertEqual(try Self.site(type: "subscription", posts: []).config().effectiveBundle, .auto)
        XCTAssertEqual(try Self.site(type: "service", posts: []).config().effectiveBundle, .never)
        XCTAssertEqual(try Self.site(type: "service", extra: ["bundle: auto"], posts: []).config().effectiveBundle, .auto)
    }

    func testAutoBundlesOnlyPostsForTheSameAudience() throws {
        let site = try Self.site(type: "subscription", posts: [
            ("2027-02-01-a", [("title", "甲")]), ("2027-02-02-b", [("title", "乙"), ("groups", "[listeners]")]), ("2027-02-03-c", [("title", "丙")]),
        ])

        let plan = try Planner(config: site.config(), appID: "wx5a4db0c0ffee0001")
            .plan(try site.compile().posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.beijing("2027-03-01T10:00:00"))

        XCTAssertEqual(plan.broadcasts.map { $0.articles.map(\.title) }, [["甲", "丙"], ["乙"]])
        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready, .deferred])
    }

    func testAutoBundleHoldsAtMostEightArticles() throws {
        let posts = (1...9).map { ("2027-02-0\($0)-p\($0)", [("title", "第\($0)篇")]) }
        let site = try Self.site(type: "subscription", posts: posts)

        let plan = try Planner(config: site.config(), appID: "wx5a4db0c0ffee0001")
            .plan(try site.compile().posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.beijing("2027-03-01T10:00:00"))

        XCTAssertEqual(plan.broadcasts.map(\.articles.count), [8, 1])
        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready, .deferred])
    }

    // MARK: priority

    func testPriorityOrdersWhatCompetesForAWindowThenPublishAtThenFileName() throws {
        let site = try Self.site(type: "subscription", extra: ["bundle: never"], posts: [
            ("2027-02-01-a", [("title", "甲")]),
            ("2027-02-02-b", [("title", "乙"), ("priority", "5")]),
            ("2027-02-03-c", [("title", "丙"), ("publish_at", "2027-02-20 08:00")]),
            ("2027-02-04-d", [("title", "丁"), ("publish_at", "2027-02-10 08:00")]),
        ])

        let schedule = try calendar(site, now: SandboxAccount.beijing("2027-03-01T10:00:00"), windows: 4)

        // 乙 first (priority 5); then by publish_at (none counts as earliest): 甲, 丁, 丙.
        XCTAssertEqual(schedule.windows.flatMap { $0.broadcasts.flatMap { $0.articles.map(\.title) } }, ["乙", "甲", "丁", "丙"])
    }

    func testHighestPriorityIsTheHeadlineOfABundle() async throws {
        let site = try Self.site(type: "subscription", posts: [
            ("2027-02-01-a", [("title", "甲")]), ("2027-02-02-b", [("title", "乙"), ("priority", "2")]), ("2027-02-03-c", [("title", "丙"), ("priority", "-1")]),
        ])
        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2027-03-01T21:00:00"))

        try await account.publish(site)

        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["乙", "甲", "丙"]])
    }

    // MARK: send_time

    func testPostWithoutPublishAtWaitsForTheSendTime() throws {
        let site = try Self.site(type: "subscription", extra: ["send_time: \"20:00\""], posts: [("2027-02-01-a", [("title", "甲")])])
        let planner = Planner(config: try site.config(), appID: "wx5a4db0c0ffee0001")
        let posts = try site.compile().posts

        let before = try planner.plan(posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.beijing("2027-03-01T19:59:59"))
        let at = try planner.plan(posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.beijing("2027-03-01T20:00:00"))

        XCTAssertEqual(before.broadcasts.count, 0)
        XCTAssertEqual(before.waiting.map(\.publishAt), [SandboxAccount.beijing("2027-03-01T20:00:00")])
        XCTAssertEqual(at.broadcasts.map(\.state), [.ready])
    }

    func testDateOnlyPublishAtGoesOutAtTheSendTimeThatDayAndATimeKeepsItsTime() throws {
        let site = try Self.site(type: "service", extra: ["send_time: \"20:00\""], posts: [
            ("2027-02-01-a", [("title", "甲"), ("publish_at", "2027-03-02")]),
            ("2027-02-02-b", [("title", "乙"), ("publish_at", "2027-03-02 09:30")]),
        ])

        let schedule = try calendar(site, now: SandboxAccount.beijing("2027-03-01T10:00:00"), windows: 1)

        let sends = schedule.windows[0].broadcasts.map { ($0.articles[0].title, $0.at) }
        XCTAssertEqual(sends.map(\.0), ["乙", "甲"])
        XCTAssertEqual(sends.map(\.1), [SandboxAccount.beijing("2027-03-02T09:30:00"), SandboxAccount.beijing("2027-03-02T20:00:00")])
    }

    func testSendTimeIsValidatedInTheConfig() throws {
        let site = try Self.site(type: "service", extra: ["send_time: \"25:00\""], posts: [])
        XCTAssertThrowsError(try site.config()) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("send_time") && text.contains("HH:MM"), text)
        }
    }

    // MARK: quota windows

    func testServiceAccountFifthBroadcastOfAMonthMovesToTheNextMonth() throws {
        let site = try Self.site(type: "service", posts: Self.five())

        let schedule = try calendar(site, now: SandboxAccount.beijing("2027-03-31T12:00:00"), windows: 2)

        XCTAssertEqual(schedule.windows.map(\.id), ["2027-03", "2027-04"])
        XCTAssertEqual(schedule.windows.map { $0.broadcasts.count }, [4, 1])
        XCTAssertEqual(schedule.windows[1].broadcasts[0].articles.map(\.title), ["第5篇"])
        XCTAssertEqual(schedule.windows[1].broadcasts[0].at, SandboxAccount.beijing("2027-04-01T00:00:00"), "the month turns at midnight Beijing time")
    }

    func testBroadcastsPerWindowOneIsTheOldOnceAMonthServiceRule() throws {
        var files = ["wxpub.yml": TestSite.config(type: "service").replacingOccurrences(of: "  type: service\n", with: "  type: service\n  broadcasts_per_window: 1\n")]
        for i in 1...3 { files["content/posts/2027-02-0\(i)-p\(i).md"] = TestSite.post([("title", "第\(i)篇")], body: "x") }
        let site = try TestSite(files, images: ["content/images/cover.png": TestImage.png(seed: 1)])

        let schedule = try calendar(site, now: SandboxAccount.beijing("2027-01-15T12:00:00"), windows: 3)

        XCTAssertEqual(schedule.windows.map(\.limit), [1, 1, 1])
        XCTAssertEqual(schedule.windows.map { $0.broadcasts.map { $0.articles[0].title } }, [["第1篇"], ["第2篇"], ["第3篇"]])
    }

    func testSubscriptionWindowEdgesAreBeijingMidnightWhateverTheProcessZone() throws {
        let site = try Self.site(type: "subscription", extra: ["bundle: never"], posts: Self.five().prefix(2).map { $0 })
        let planner = Planner(config: try site.config(), appID: "wx5a4db0c0ffee0001")
        let posts = try site.compile().posts
        var journal = Journal()
        let first = try planner.plan(posts, journal: journal, media: MediaCache(), now: SandboxAccount.beijing("2027-03-31T23:59:59"))
        // Record the first as sent in that window, as a publish run would.
        let b = first.broadcasts[0]
        journal.entries[b.clientMsgID] = Journal.Entry(
            clientMsgID: b.clientMsgID, mode: .broadcast, account: planner.account, group: b.group, audience: b.audience, window: b.window,
            posts: b.articles.map(\.slug), titles: b.articles.map(\.title), articleHashes: b.articles.map(\.contentHash), step: .sent,
            createdAt: Date(), updatedAt: Date())

        let lastSecond = try planner.plan(posts, journal: journal, media: MediaCache(), now: SandboxAccount.beijing("2027-03-31T23:59:59"))
        let midnight = try planner.plan(posts, journal: journal, media: MediaCache(), now: try Date("2027-03-31T16:00:00Z", strategy: .iso8601))

        XCTAssertEqual(first.quota.window, "2027-03-31")
        XCTAssertEqual(lastSecond.broadcasts.map(\.state), [.done, .deferred])
        XCTAssertEqual(midnight.quota.window, "2027-04-01", "16:00 UTC is 00:00 the next day in Beijing (and a new month)")
        XCTAssertEqual(midnight.broadcasts.map(\.state), [.done, .ready])
    }

    // MARK: the calendar and publish agree

    func testScheduleBeforeAWeekPredictsWhatPublishEveryThreeHoursDoes() async throws {
        let site = try Self.site(type: "subscription", extra: ["bundle: never", "send_time: \"20:00\""], posts: [
            ("2027-02-01-a", [("title", "甲")]),
            ("2027-02-02-b", [("title", "乙"), ("priority", "3")]),
            ("2027-02-03-c", [("title", "丙"), ("publish_at", "2027-03-03")]),
            ("2027-02-04-d", [("title", "丁"), ("publish_at", "2027-03-02 07:00")]),
            ("2027-02-05-e", [("title", "戊"), ("groups", "[listeners]")]),
        ])
        let start = SandboxAccount.beijing("2027-03-01T00:30:00")
        let account = try SandboxAccount(type: .subscription, now: start)
        let config = try site.config()
        let schedule = try Scheduler(planner: account.planner(config))
            .calendar(try site.compile().posts, journal: Journal(), media: MediaCache(), now: start, windows: 7)

        for tick in 0..<(7 * 8) {
            account.server.setClock(start.addingTimeInterval(Double(tick) * 3 * 3600))
            try await account.publish(site)
        }

        let predicted = schedule.windows.flatMap { w in w.broadcasts.map { "\(w.id): \($0.articles.map(\.title).joined(separator: "+"))" } }
        let journal = try account.journal()
        let happened = journal.entries.values.sorted { $0.createdAt < $1.createdAt }.map { "\($0.window): \($0.titles.joined(separator: "+"))" }
        XCTAssertEqual(happened, predicted)
        XCTAssertEqual(predicted.count, 5)
        XCTAssertEqual(Set(account.ledger.broadcasts.flatMap(\.titles)).count, 5, "every post exactly once")
        XCTAssertEqual(account.ledger.broadcasts.count, 5)
        let days = account.ledger.broadcasts.map { SandboxTime.beijingDay(try! Date($0.sentAt, strategy: .iso8601)) }
        XCTAssertEqual(Set(days).count, days.count, "never two broadcasts on one Beijing day")
    }

    func testServiceAccountCalendarIsFollowedAcrossAMonthEnd() async throws {
        let posts = (1...6).map { ("2027-02-0\($0)-p\($0)", [("title", "第\($0)篇")]) }
        let site = try Self.site(type: "service", posts: posts)
        let start = SandboxAccount.beijing("2027-03-30T09:00:00")
        let account = try SandboxAccount(type: .service, now: start)
        let schedule = try Scheduler(planner: account.planner(try site.config()))
            .calendar(try site.compile().posts, journal: Journal(), media: MediaCache(), now: start, windows: 2)
        XCTAssertEqual(schedule.windows.map { $0.broadcasts.count }, [4, 2])

        for tick in 0..<(10 * 4) {
            account.server.setClock(start.addingTimeInterval(Double(tick) * 6 * 3600))
            try await account.publish(site)
        }

        let predicted = schedule.windows.flatMap { w in w.broadcasts.map { "\(w.id): \($0.articles.map(\.title).joined(separator: "+"))" } }
        // One run sends several on a frozen clock: compare per window, not by timestamp.
        let happened = try account.journal().entries.values.map { "\($0.window): \($0.titles.joined(separator: "+"))" }
        XCTAssertEqual(happened.sorted(), predicted.sorted())
        let april = SandboxAccount.beijing("2027-04-01T00:00:00")
        let sentAt = account.ledger.broadcasts.map { try! Date($0.sentAt, strategy: .iso8601) }
        XCTAssertEqual(sentAt.filter { $0 < april }.count, 4, "four to all followers in March")
        XCTAssertEqual(sentAt.count, 6)
    }
}
