import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// A run killed after any state write, then run again, broadcasts every post exactly once.
final class KillPointTests: XCTestCase {
    /// Every state write of an uninterrupted run of `site`, in order.
    func stateWrites(of site: TestSite) async throws -> [String] {
        let account = try SandboxAccount()
        let counter = Counter()
        try await account.publish(site) { label in _ = counter.next(label) }
        return counter.labels
    }

    func testKillAtEveryStateWriteThenRerunBroadcastsEachPostExactlyOnce() async throws {
        let site = try PublisherTests.twoPostSite()
        let writes = try await stateWrites(of: site)
        // 2 broadcasts × (planned, media_uploaded, adding_draft, draft_added, sending, sent) + 3 uploads.
        XCTAssertEqual(writes.count, 15, writes.joined(separator: "\n"))
        XCTAssertEqual(writes.filter { $0.hasPrefix("media:") }.count, 3)

        for k in 1...writes.count {
            let account = try SandboxAccount()
            do {
                try await account.publish(site, crashAt: k)
                XCTFail("k=\(k): the run should have stopped at \(writes[k - 1])")
            } catch let crash as SimulatedCrash {
                // Uploads finish in any order: compare which kind of write it was.
                func kind(_ label: String) -> String { label.hasPrefix("media:") ? "media" : String(label.split(separator: ":").last ?? "") }
                XCTAssertEqual(kind(crash.at), kind(writes[k - 1]), "k=\(k)")
            }
            // Uploads recorded before the crash are never repeated; one in flight at the crash may be.
            let recorded = try MediaCache.load(from: account.store).accounts.values.first?.count ?? 0
            let uploadsBefore = account.uploadCalls
            let (_, outcomes) = try await account.publish(site)
            XCTAssertEqual(account.uploadCalls - uploadsBefore, 3 - recorded, "k=\(k) (\(writes[k - 1]))")
            XCTAssertFalse(outcomes.contains { if case .failed = $0.result { return true } else { return false } },
                           "k=\(k) (\(writes[k - 1])): \(outcomes.map(\.result.text))")

            let ledger = account.ledger
            XCTAssertEqual(ledger.broadcasts.map(\.titles).sorted { $0[0] < $1[0] }, [["第一篇"], ["第二篇"]],
                           "k=\(k) (\(writes[k - 1])): exactly one broadcast per post")
            XCTAssertEqual(Set(try account.journal().entries.values.map(\.step)), [.sent], "k=\(k)")

            // And a third run is a no-op.
            let sends = ledger.callCount("/cgi-bin/message/mass/sendall")
            try await account.publish(site)
            XCTAssertEqual(account.ledger.callCount("/cgi-bin/message/mass/sendall"), sends, "k=\(k)")
        }
    }

    func testKillAtEveryStateWriteOfABundleThenRerunSendsOneBroadcast() async throws {
        let site = try PublisherTests.twoPostSite()
        try site.write("wxpub.yml", TestSite.config(groups: ["listeners: 听众交流会"]))
        try site.write("content/posts/2026-11-21-second.md", TestSite.post([("title", "第二篇")], body: "![图二](../images/b.jpg)\n"))
        let options = Planner.Options(bundle: true)
        let probe = try SandboxAccount()
        let counter = Counter()
        try await probe.publish(site, options: options) { label in _ = counter.next(label) }
        let writes = counter.labels
        XCTAssertEqual(writes.count, 9, writes.joined(separator: "\n"))

        for k in 1...writes.count {
            let account = try SandboxAccount()
            let crashes = Counter()
            let first = account.publisher(try site.config()) { label in if crashes.next(label) == k { throw SimulatedCrash(at: label) } }
            do {
                _ = try await first.run(try site.compile().posts, options: options)
                XCTFail("k=\(k): should have stopped")
            } catch is SimulatedCrash {}
            _ = try await account.publisher(try site.config()).run(try site.compile().posts, options: options)
            XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["第一篇", "第二篇"]], "k=\(k) (\(writes[k - 1]))")
        }
    }
}
