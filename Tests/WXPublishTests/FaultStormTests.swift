import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// Fault storms: a whole site published through each platform fault and through mixes of them.
/// Every run either completes or stops with a clear message and resumable state; the next clean
/// run completes; the sandbox ledger never shows a duplicate broadcast; nothing crashes.
final class FaultStormTests: XCTestCase {
    /// Five posts: four make five broadcasts (one to all followers, the rest to tags; a service
    /// account sends to tags without using its monthly quota), one is published (freepublish,
    /// which has no idempotency key). Each post has its own image.
    static func site() throws -> TestSite {
        func post(_ n: Int, _ title: String, _ groups: String, mode: String = "broadcast") -> (String, String) {
            ("content/posts/2026-11-2\(n)-p\(n).md",
             TestSite.post([("title", title), ("groups", groups), ("comments", "closed"), ("mode", mode)], body: "第\(n)篇正文。\n\n![图](../images/p\(n).png)\n"))
        }
        let posts = [post(0, "风暴之一", "[all]"), post(1, "风暴之二", "[listeners]"), post(2, "风暴之三", "[starred]"), post(3, "风暴之四", "[listeners, starred]"),
                     post(4, "风暴之五", "[all]", mode: "publish")]
        var images = ["content/images/cover.png": TestImage.png(seed: 100)]
        for n in 0..<5 { images["content/images/p\(n).png"] = TestImage.png(seed: 200 + n) }
        return try TestSite(Dictionary(uniqueKeysWithValues: [("wxpub.yml", TestSite.config())] + posts), images: images)
    }

    static let expectedBroadcasts = 5
    /// Plan items: the five broadcasts and the publish job.
    static let expectedDeliveries = 6

    struct Storm {
        var name: String
        var faults: JSONValue
        /// Runs made while the faults are on.
        var runs = 3
        /// After this many state writes of each faulty run, every access token is invalidated.
        var invalidateTokensAfter: Int?
        /// The administrator confirms waiting sends before the clean run.
        var confirm = false
        /// Seconds the clock moves before the clean run (a new Beijing day resets daily limits).
        var pause: TimeInterval = 120
    }

    /// One storm: faulty runs, then clean runs until done (at most two), then the invariants.
    func weather(_ storm: Storm, file: StaticString = #filePath, line: UInt = #line) async throws {
        let site = try Self.site()
        let account = try SandboxAccount(retryPolicy: RetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 8, maxTotalDelay: 120),
                                         transport: URLSessionTransport(timeout: 1, resourceTimeout: 3))
        var faults = SandboxFaults()
        try faults.apply(storm.faults)
        account.server.faults = faults
        let posts = try site.compile().posts
        XCTAssertEqual(posts.count, 5, file: file, line: line)
        for run in 1...storm.runs {
            var hook: (@Sendable (String) throws -> Void)?
            if let after = storm.invalidateTokensAfter {
                let counter = Counter()
                let server = account.server
                hook = { _ in if counter.next("") == after { server.invalidateTokens() } }
            }
            let publisher = account.publisher(try site.config(), hook: hook)
            let outcomes: [Publisher.Outcome]
            do {
                outcomes = try await publisher.run(posts).outcomes
            } catch {
                return XCTFail("\(storm.name): run \(run) threw instead of reporting: \(error)", file: file, line: line)
            }
            for outcome in outcomes {
                if case .failed(let why) = outcome.result {
                    XCTAssertFalse(why.isEmpty, "\(storm.name): a failure without words", file: file, line: line)
                    XCTAssertFalse(why.contains("access_token="), "\(storm.name): a token in a message: \(why)", file: file, line: line)
                }
            }
            XCTAssertNoThrow(try account.journal(), "\(storm.name): journal unreadable after run \(run)", file: file, line: line)
            XCTAssertLessThanOrEqual(account.ledger.broadcasts.count, Self.expectedBroadcasts, "\(storm.name): run \(run)", file: file, line: line)
            XCTAssertLessThanOrEqual(account.ledger.publishes.count, 1, "\(storm.name): run \(run)", file: file, line: line)
        }
        account.server.faults = SandboxFaults()
        if storm.confirm { account.server.settleMassConfirmations(confirm: true) }
        account.server.advanceClock(by: storm.pause)
        var last: (plan: Plan, outcomes: [Publisher.Outcome])?
        for _ in 1...2 {
            last = try await account.publish(site)
            if last!.plan.broadcasts.allSatisfy({ $0.state == .done }) { break }
        }
        let final = try await account.publish(site)
        XCTAssertEqual(final.plan.broadcasts.map(\.state), Array(repeating: .done, count: Self.expectedDeliveries),
                       "\(storm.name): not done after the clean runs: \(last?.outcomes.map(\.result.text) ?? [])", file: file, line: line)
        let ledger = account.ledger
        XCTAssertEqual(ledger.broadcasts.count, Self.expectedBroadcasts, "\(storm.name): \(ledger.summaryLines)", file: file, line: line)
        XCTAssertEqual(Set(ledger.broadcasts.compactMap(\.clientMsgID)).count, ledger.broadcasts.count, "\(storm.name): a clientmsgid twice", file: file, line: line)
        XCTAssertEqual(ledger.publishes.map(\.titles), [["风暴之五"]], "\(storm.name): published exactly once", file: file, line: line)
        let deliveries = ledger.broadcasts.map { "\($0.titles.joined(separator: "+"))→\($0.filter.map { $0.isToAll ? "all" : "tag \($0.tagID ?? -1)" } ?? "?")" }
        XCTAssertEqual(Set(deliveries).count, deliveries.count, "\(storm.name): a post went to the same audience twice: \(deliveries)", file: file, line: line)
        let entries = try account.journal().entries.values
        XCTAssertTrue(entries.allSatisfy { $0.step == .sent }, "\(storm.name): \(entries.map { "\($0.titles) \($0.step)" })", file: file, line: line)
        // An upload whose answer was lost is made again by a later run (the URL never arrived), so
        // the sandbox may hold an image twice; the media cache holds each once.
        XCTAssertEqual(Set(account.ledger.images.map(\.sha256)).count, 5, "\(storm.name)", file: file, line: line)
        XCTAssertEqual(try MediaCache.load(from: account.store).accounts.values.map(\.count).reduce(0, +), 6, "\(storm.name): five images and the cover", file: file, line: line)
    }

    func testSystemBusyThirtyPercent() async throws {
        try await weather(Storm(name: "30% system busy", faults: ["fail_rate": .double(0.3)]))
    }

    func testDroppedConnections() async throws {
        try await weather(Storm(name: "dropped connections", faults: ["drop_rate": .double(0.25)]))
    }

    func testTruncatedJSON() async throws {
        try await weather(Storm(name: "truncated JSON", faults: ["truncate_rate": .double(0.25)]))
    }

    func testGatewayErrors() async throws {
        try await weather(Storm(name: "HTTP 502", faults: ["http_5xx_rate": .double(0.25), "text_plain_errors": true]))
    }

    func testStallsMidBody() async throws {
        try await weather(Storm(name: "stalls", faults: ["stall_rate": .double(0.15)], runs: 2))
    }

    func testTokenInvalidatedMidRun() async throws {
        try await weather(Storm(name: "token invalidated", faults: ["fail_rate": .double(0.1)], invalidateTokensAfter: 4))
    }

    func testDailyLimitsFarBelowNominal() async throws {
        try await weather(Storm(name: "45009", faults: ["daily_limits": ["/cgi-bin/media/uploadimg": 2, "/cgi-bin/draft/add": 2]], pause: 86400))
    }

    func testMassSendProtection() async throws {
        try await weather(Storm(name: "API群发保护", faults: ["mass_protection": true, "fail_rate": .double(0.1)], confirm: true))
    }

    func testRetriesAnswered40007() async throws {
        try await weather(Storm(name: "40007 after lost sends", faults: ["drop_rate": .double(0.3), "sendall_content_first": true]))
    }

    func testFailingBroadcastsAndPublishJobs() async throws {
        try await weather(Storm(name: "SEND_FAIL and publish_status 3", faults: ["mass_fail": "send fail", "publish_status": 3, "fail_rate": .double(0.1)]))
    }

    func testDraftStoreAndCommentRules() async throws {
        try await weather(Storm(name: "the real draft store", faults: ["draft_store": "real", "no_comment_privilege": true, "drop_rate": .double(0.1)]))
    }

    func testEverythingAtOnce() async throws {
        try await weather(Storm(
            name: "mix",
            faults: ["fail_rate": .double(0.3), "drop_rate": .double(0.1), "truncate_rate": .double(0.1), "http_5xx_rate": .double(0.05), "stall_rate": .double(0.05), "text_plain_errors": true,
                     "sendall_content_first": true, "daily_limits": ["/cgi-bin/media/uploadimg": 3]],
            runs: 4, invalidateTokensAfter: 6, pause: 86400))
    }
}
