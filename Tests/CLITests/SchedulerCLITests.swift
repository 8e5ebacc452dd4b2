import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `wxpub schedule`, `publish --now` and progress output, against `wxpub sandbox` as a separate
/// process: the calendar predicts what a timer of publish runs then does.
final class SchedulerCLITests: XCTestCase {
    /// A subscription site, one post a day (`bundle: never`), five posts: two due, one with a
    /// date-only publish_at (→ the send_time that day), one with a time, one for a tag.
    static func weekSite() throws -> TestSite {
        let post = { (title: String, extra: String) in "---\ntitle: \(title)\n\(extra)---\n\n正文：\(title)。\n" }
        return try TestSite.minimal(appID: "wx0000000000000000", groups: ["readers: 读书会"], files: [
            "wxpub.yml": """
                account:
                  name: 测试号
                  type: subscription
                  appid: wx0000000000000000
                timezone: Asia/Shanghai
                send_time: "20:00"
                bundle: never
                groups:
                  readers: 星标组
                defaults:
                  groups: [all]
                  cover: content/images/cover.png

                """,
            "content/posts/2024-05-01-first.md": post("第一篇", "priority: 1\n"),
            "content/posts/2027-02-02-b.md": post("第二篇", ""),
            "content/posts/2027-02-03-c.md": post("第三篇", "publish_at: 2027-03-03\n"),
            "content/posts/2027-02-04-d.md": post("第四篇", "publish_at: 2027-03-02 07:00\n"),
            "content/posts/2027-02-05-e.md": post("第五篇", "groups: [readers]\n"),
        ])
    }

    static let start = "2027-03-01T09:00:00+08:00"

    static func beijingDay(_ iso: String) -> String {
        let formatter = ISO8601DateFormatter()
        let date = formatter.date(from: iso)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    func testScheduleJSONWorksOfflineWithoutSecrets() throws {
        let site = try Self.weekSite()
        defer { site.remove() }

        let result = try WXPub.run(["schedule", "--now", Self.start, "--json"], in: site.root, env: ["WXPUB_API_BASE": "http://127.0.0.1:9"])

        XCTAssertEqual(result.status, 0, "\(result)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let windows = try XCTUnwrap(json["windows"] as? [[String: Any]])
        XCTAssertEqual(windows.count, 7, "a week of days on a subscription account")
        XCTAssertEqual(windows.first?["id"] as? String, "2027-03-01")
        XCTAssertEqual(json["send_time"] as? String, "20:00")
        XCTAssertEqual(json["time_zone"] as? String, "Asia/Shanghai")
    }

    func testScheduleTextPrintsTimesInTheSitesZone() throws {
        let site = try Self.weekSite()
        defer { site.remove() }

        let result = try WXPub.run(["schedule", "--now", "2027-03-01T01:00:00Z", "--windows", "2"], in: site.root)

        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stdout.contains("as of 2027-03-01 09:00 +08:00"), result.stdout)
        XCTAssertTrue(result.stdout.contains("03-01 20:00  broadcast to all followers: 第一篇"), result.stdout)
        XCTAssertTrue(result.stdout.contains("window 2027-03-02"), result.stdout)
    }

    func testWindowsAreBeijingDaysWhateverTheProcessTimeZone() throws {
        let site = try Self.weekSite()
        defer { site.remove() }

        let result = try WXPub.run(["schedule", "--now", "2027-03-31T23:59:59+08:00", "--windows", "2", "--json"], in: site.root,
                                   env: ["TZ": "America/New_York"])

        XCTAssertEqual(result.status, 0, "\(result)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let windows = try XCTUnwrap(json["windows"] as? [[String: Any]])
        XCTAssertEqual(windows.map { $0["id"] as? String }, ["2027-03-31", "2027-04-01"], "the last second of March, then April 1st in Beijing")
        XCTAssertEqual(windows.last?["start"] as? String, "2027-03-31T16:00:00Z")
    }

    func testNowWithoutAnOffsetIsAUsageError() throws {
        let site = try Self.weekSite()
        defer { site.remove() }

        let result = try WXPub.run(["schedule", "--now", "2027-03-01 09:00"], in: site.root)

        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("with an offset"), result.stderr)
    }

    func testAWeekOfPublishEveryThreeSimulatedHoursFollowsTheSchedule() async throws {
        let site = try Self.weekSite()
        defer { site.remove() }
        let sandbox = try SandboxProcess(appID: "wx0000000000000000", extra: ["--account-type", "subscription", "--now", Self.start])
        defer { sandbox.stop() }
        let plan = try WXPub.run(["schedule", "--now", Self.start, "--json"], in: site.root)
        XCTAssertEqual(plan.status, 0, "\(plan)")
        let windows = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])?["windows"] as? [[String: Any]])
        var predicted: [String: [String]] = [:]
        for w in windows {
            for b in w["broadcasts"] as? [[String: Any]] ?? [] {
                predicted[w["id"] as! String, default: []] += (b["articles"] as? [[String: Any]] ?? []).map { $0["title"] as! String }
            }
        }

        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        let begin = formatter.date(from: Self.start)!
        for tick in 0..<(7 * 8) {
            let now = formatter.string(from: begin.addingTimeInterval(Double(tick) * 3 * 3600))
            let run = try WXPub.run(["publish", "--now", now], in: site.root, env: sandbox.env)
            XCTAssertEqual(run.status, 0, "tick \(now): \(run)")
        }

        let ledger = try await sandbox.ledger()
        let broadcasts = try XCTUnwrap(ledger["broadcasts"] as? [[String: Any]])
        var happened: [String: [String]] = [:]
        for b in broadcasts { happened[Self.beijingDay(b["sent_at"] as! String), default: []] += b["titles"] as? [String] ?? [] }
        XCTAssertEqual(happened, predicted, "schedule before the week predicted exactly what happened")
        XCTAssertEqual(broadcasts.flatMap { $0["titles"] as? [String] ?? [] }.sorted(), ["第一篇", "第三篇", "第二篇", "第五篇", "第四篇"].sorted(),
                       "every post broadcast exactly once")
        XCTAssertEqual(Set(broadcasts.map { Self.beijingDay($0["sent_at"] as! String) }).count, broadcasts.count, "no day over the quota")
    }

    func testTwoPublishRunsStartedTogetherMakeOneBroadcast() async throws {
        let site = try TestSite.minimal(appID: "wx0000000000000000")
        defer { site.remove() }
        let sandbox = try SandboxProcess(appID: "wx0000000000000000", extra: ["--latency-ms", "100"])
        defer { sandbox.stop() }

        let env = sandbox.env, root = site.root
        async let a = Task.detached { try WXPub.run(["publish"], in: root, env: env) }.value
        async let b = Task.detached { try WXPub.run(["publish"], in: root, env: env) }.value
        let results = try await [a, b]

        let ledger = try await sandbox.ledger()
        XCTAssertEqual((ledger["broadcasts"] as? [[String: Any]])?.count, 1, results.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(results.contains { $0.status == 0 }, results.map(\.description).joined(separator: "\n"))
        for r in results where r.status != 0 { XCTAssertTrue(r.stderr.contains("journal is locked"), "\(r)") }
    }

    func testPipedPublishPrintsOneLinePerFinishedStepAndJSONStaysClean() async throws {
        let site = try TestSite.minimal(appID: "wx0000000000000000")
        defer { site.remove() }
        let sandbox = try SandboxProcess(appID: "wx0000000000000000")
        defer { sandbox.stop() }

        let piped = try WXPub.run(["publish"], in: site.root, env: sandbox.env)

        XCTAssertEqual(piped.status, 0, "\(piped)")
        let steps = piped.stderr.split(separator: "\n").filter { $0.hasPrefix("[1/1] 第一篇: ") }
        XCTAssertEqual(steps, ["[1/1] 第一篇: uploading media — done", "[1/1] 第一篇: adding draft — done", "[1/1] 第一篇: sending — done"])

        try site.write("content/posts/2024-05-02-second.md", Data("---\ntitle: 第二篇\n---\n\n正文。\n".utf8))
        let json = try WXPub.run(["publish", "--json", "--now", "2030-01-02T21:00:00+08:00"], in: site.root, env: sandbox.env)
        XCTAssertEqual(json.status, 0, "\(json)")
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)), json.stdout)
        XCTAssertFalse(json.stderr.contains("— done"), json.stderr)
    }
}
