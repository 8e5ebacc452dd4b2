import Foundation
import WXAPI
import WXContent
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// The main path: a site's due posts go out once each, media is uploaded once ever, and
/// running again changes nothing.
final class PublisherTests: XCTestCase {
    /// Two posts: one to every follower, one to the tag 听众交流会; they share a body image.
    static func twoPostSite(type: String = "service") throws -> TestSite {
        try TestSite(
            [
                "wxpub.yml": TestSite.config(type: type),
                "content/posts/2026-11-20-first.md": TestSite.post(
                    [("title", "第一篇"), ("groups", "[all]")], body: "正文一。\n\n![图一](../images/a.png)\n"),
                "content/posts/2026-11-21-second.md": TestSite.post(
                    [("title", "第二篇"), ("groups", "[listeners]")], body: "正文二。\n\n![图二](../images/b.jpg)\n\n![图一](../images/a.png)\n"),
            ],
            images: [
                "content/images/cover.png": TestImage.png(seed: 1),
                "content/images/a.png": TestImage.png(seed: 2),
                "content/images/b.jpg": TestImage.jpeg(seed: 3),
            ])
    }

    func testFullBroadcastSendsEveryDuePostToItsAudienceOnce() async throws {
        let site = try Self.twoPostSite()
        let account = try SandboxAccount()
        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready, .ready])
        XCTAssertEqual(outcomes.count, 2)
        XCTAssertTrue(outcomes.allSatisfy { $0.result.isSent }, outcomes.map(\.result.text).joined(separator: "\n"))
        let ledger = account.ledger
        XCTAssertEqual(ledger.broadcasts.count, 2)
        let first = try XCTUnwrap(ledger.broadcasts.first { $0.titles == ["第一篇"] })
        XCTAssertEqual(first.filter?.isToAll, true)
        XCTAssertEqual(first.total, 200)
        let second = try XCTUnwrap(ledger.broadcasts.first { $0.titles == ["第二篇"] })
        XCTAssertEqual(second.filter?.isToAll, false)
        XCTAssertEqual(second.filter?.tagID, 100, "听众交流会 is tag 100 in the demo audience")
        // a.png is in both posts but uploaded once; b.jpg once; the shared cover once.
        XCTAssertEqual(ledger.callCount("/cgi-bin/media/uploadimg"), 2)
        XCTAssertEqual(ledger.callCount("/cgi-bin/material/add_material"), 1)
        XCTAssertEqual(ledger.drafts.count, 2)
        XCTAssertTrue(ledger.drafts.allSatisfy { $0.status == "sent" })

        let journal = try account.journal()
        XCTAssertEqual(Set(journal.entries.values.map(\.step)), [.sent])
        XCTAssertEqual(Set(journal.entries.values.compactMap(\.msgID)), Set(ledger.broadcasts.map { String($0.msgID) }))
        XCTAssertEqual(Set(journal.entries.keys), Set(ledger.broadcasts.compactMap(\.clientMsgID)), "each send carries its journal key as clientmsgid")
    }

    func testBroadcastBodyImagesPointAtTheUploadedURLs() async throws {
        let site = try Self.twoPostSite()
        let account = try SandboxAccount()
        let publisher = account.publisher(try site.config())
        let posts = try site.compile().posts
        // Mode draft keeps the draft readable afterwards.
        let drafts = posts.map { item -> CompiledPost in
            var copy = item
            copy.post.mode = .draft
            return copy
        }
        let (_, outcomes) = try await publisher.run(drafts)
        guard case .drafted(let mediaID) = try XCTUnwrap(outcomes.first { $0.broadcast.articles.map(\.title) == ["第二篇"] }).result else {
            return XCTFail("expected a draft, got \(outcomes.map(\.result.text))")
        }
        let articles = try await account.client.getDraft(mediaID: mediaID)
        let urls = account.ledger.images.map(\.url)
        XCTAssertEqual(urls.count, 2)
        for url in urls { XCTAssertTrue(articles[0].content.contains("src=\"\(url)\""), "\(url) not in \(articles[0].content)") }
        XCTAssertFalse(articles[0].content.contains("../images/"), "local paths must not reach WeChat")
    }

    func testSecondRunWithNothingChangedMakesNoUploadsAndNoSends() async throws {
        let site = try Self.twoPostSite()
        let account = try SandboxAccount()
        try await account.publish(site)
        let before = account.ledger.calls

        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.done, .done])
        XCTAssertTrue(plan.broadcasts.allSatisfy { $0.images.allSatisfy(\.cached) })
        XCTAssertEqual(outcomes.compactMap { if case .skipped = $0.result { return 1 } else { return nil } }.count, 2)
        let after = account.ledger.calls
        for path in ["/cgi-bin/media/uploadimg", "/cgi-bin/material/add_material", "/cgi-bin/draft/add", "/cgi-bin/message/mass/sendall"] {
            XCTAssertEqual(after[path, default: 0], before[path, default: 0], path)
        }
        XCTAssertEqual(account.ledger.broadcasts.count, 2)
    }

    func testEditedPostReuploadsOnlyTheChangedImage() async throws {
        let site = try Self.twoPostSite()
        let account = try SandboxAccount()
        // The first run stops once the second post's media is up (before its draft).
        let secondMediaUploaded = Counter()
        do {
            try await account.publish(site) { label in
                if label.hasSuffix(":media_uploaded"), secondMediaUploaded.next(label) == 2 { throw SimulatedCrash(at: label) }
            }
            XCTFail("the hook should have stopped the run")
        } catch is SimulatedCrash {}
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/media/uploadimg"), 2)

        // The editor replaces b.jpg; a.png and the cover are unchanged.
        try site.write("content/images/b.jpg", TestImage.jpeg(seed: 33))
        let (_, outcomes) = try await account.publish(site)

        let ledger = account.ledger
        XCTAssertEqual(ledger.callCount("/cgi-bin/media/uploadimg"), 3, "only the new b.jpg is uploaded again")
        XCTAssertEqual(ledger.callCount("/cgi-bin/material/add_material"), 1)
        XCTAssertEqual(ledger.images.last?.sha256, SHA256.hex(TestImage.jpeg(seed: 33)))
        XCTAssertEqual(outcomes.filter(\.result.isSent).map(\.uploads), [1])
        XCTAssertEqual(ledger.broadcasts.map(\.titles).sorted { $0[0] < $1[0] }, [["第一篇"], ["第二篇"]])
        let journal = try account.journal()
        XCTAssertEqual(journal.entries.count, 2, "the unfinished entry of the old version is replaced, not left behind")
    }

    func testSameBytesUnderAnotherNameInALaterPostAreNotUploadedAgain() async throws {
        let site = try Self.twoPostSite()
        let account = try SandboxAccount()
        try await account.publish(site)
        try site.write("content/images/copy-of-a.png", TestImage.png(seed: 2))
        try site.write(
            "content/posts/2026-11-22-third.md", TestSite.post([("title", "第三篇")], body: "![同一张](../images/copy-of-a.png)\n"))

        let (_, outcomes) = try await account.publish(site)

        XCTAssertEqual(outcomes.filter(\.result.isSent).count, 1)
        XCTAssertEqual(account.uploadCalls, 3)
        XCTAssertEqual(account.ledger.broadcasts.count, 3)
    }

    func testUploadsRecordedBeforeAFailedBroadcastSurviveTheNextBroadcastOfTheRun() async throws {
        let site = try TestSite(
            ["wxpub.yml": TestSite.config(),
             "content/posts/2026-11-20-a.md": TestSite.post([("title", "甲")], body: "![](../images/a.png)"),
             "content/posts/2026-11-21-b.md": TestSite.post([("title", "乙")], body: "![](../images/b.png)")],
            images: ["content/images/cover.png": TestImage.png(seed: 1), "content/images/a.png": TestImage.png(seed: 2),
                     "content/images/b.png": TestImage.png(seed: 3)])
        let account = try SandboxAccount()
        let server = account.server
        let writes = Counter()
        // One upload at a time: a.png, then the cover.
        let publisher = account.publisher(try site.config(), uploadConcurrency: 1) { label in
            // a.png goes up, then every call fails until the second broadcast starts.
            if label.hasPrefix("media:"), writes.next(label) == 1 { server.faults = SandboxFaults(failRate: 1) }
            if label.hasSuffix(":planned"), server.faults.failRate > 0 { server.faults = SandboxFaults() }
        }

        let (_, outcomes) = try await publisher.run(try site.compile().posts)
        XCTAssertEqual(outcomes.map(\.result.isSent), [false, true], outcomes.map(\.result.text).joined(separator: "\n"))
        try await account.publish(site)

        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["乙"], ["甲"]])
        XCTAssertEqual(account.ledger.images.count, 2, "a.png was recorded when it went up and is not uploaded again")
        XCTAssertEqual(account.ledger.materials.count, 1)
    }

    func testPostWithACompileErrorBlocksOnlyItself() async throws {
        let site = try Self.twoPostSite()
        try site.write("content/posts/2026-11-22-broken.md", TestSite.post([("title", "坏的")], body: "![不存在](../images/missing.png)\n"))
        let account = try SandboxAccount()

        let (posts, errors) = try site.compile()
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.location.file, "content/posts/2026-11-22-broken.md")
        let (_, outcomes) = try await account.publisher(try site.config()).run(posts)

        XCTAssertEqual(outcomes.filter(\.result.isSent).count, 2)
        XCTAssertEqual(Set(account.ledger.broadcasts.flatMap(\.titles)), ["第一篇", "第二篇"])
    }

    func testBroadcastToAMissingTagFailsAloneAndTheOthersGoOut() async throws {
        let site = try Self.twoPostSite()
        try site.write("wxpub.yml", TestSite.config(groups: ["listeners: 不存在的标签", "starred: 2"]))
        let account = try SandboxAccount()

        let (_, outcomes) = try await account.publish(site)

        let failed = outcomes.filter { if case .failed = $0.result { return true } else { return false } }
        XCTAssertEqual(failed.map(\.broadcast.group), ["listeners"])
        XCTAssertTrue(failed[0].result.text.contains("不存在的标签"), failed[0].result.text)
        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["第一篇"]])
    }

    func testAccountWithoutTheMassSendRightStopsAfterTheFirstRefusal() async throws {
        let site = try Self.twoPostSite()
        try site.write("content/posts/2026-11-21-second.md", TestSite.post([("title", "第二篇")], body: "正文二。"))
        let account = try SandboxAccount(verified: false)

        let (_, outcomes) = try await account.publish(site)

        XCTAssertEqual(outcomes.count, 2)
        guard case .failed(let first) = outcomes[0].result, case .failed(let second) = outcomes[1].result else {
            return XCTFail("\(outcomes.map(\.result.text))")
        }
        XCTAssertTrue(first.contains("48001") && first.contains("群发"), first)
        XCTAssertTrue(second.hasPrefix("not attempted: "), second)
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/draft/add"), 1, "the second post is not even drafted")
        XCTAssertEqual(try account.journal().entries.values.map(\.step), [.draftAdded], "refused: nothing went out, the draft is kept")
    }

    func testBundleSendsSeveralPostsAsOneBroadcast() async throws {
        let site = try TestSite(
            [
                "wxpub.yml": TestSite.config(),
                "content/posts/2026-11-20-a.md": TestSite.post([("title", "甲")], body: "甲文。"),
                "content/posts/2026-11-21-b.md": TestSite.post([("title", "乙")], body: "乙文。\n\n![](../images/a.png)"),
                "content/posts/2026-11-22-c.md": TestSite.post([("title", "丙")], body: "丙文。"),
            ],
            images: ["content/images/cover.png": TestImage.png(seed: 1), "content/images/a.png": TestImage.png(seed: 2)])
        let account = try SandboxAccount()

        let (plan, outcomes) = try await account.publish(site, options: Planner.Options(bundle: true))

        XCTAssertEqual(plan.broadcasts.count, 1)
        XCTAssertEqual(plan.quota.plannedNow, 1, "a bundle uses one quota slot")
        XCTAssertEqual(outcomes.map(\.result.isSent), [true])
        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["甲", "乙", "丙"]])
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/draft/add"), 1)
        let again = try await account.publish(site, options: Planner.Options(bundle: true))
        XCTAssertEqual(again.plan.broadcasts.map(\.state), [.done])
        XCTAssertEqual(account.ledger.broadcasts.count, 1)
    }

    func testUploadsRunAtMostFourAtATime() async throws {
        var files = ["wxpub.yml": TestSite.config()]
        var images = ["content/images/cover.png": TestImage.png(seed: 1)]
        var body = ""
        for i in 0..<10 {
            images["content/images/p\(i).png"] = TestImage.png(seed: 100 + i)
            body += "![](../images/p\(i).png)\n\n"
        }
        files["content/posts/2026-11-20-many.md"] = TestSite.post([("title", "多图")], body: body)
        let site = try TestSite(files, images: images)
        let gauge = ConcurrencyGauge(URLSessionTransport())
        let account = try SandboxAccount(transport: gauge)
        account.server.faults = SandboxFaults(latencyMilliseconds: 60)

        let (_, outcomes) = try await account.publish(site)

        XCTAssertEqual(outcomes.map(\.result.isSent), [true])
        XCTAssertEqual(account.uploadCalls, 11)
        XCTAssertEqual(gauge.peak, 4, "11 uploads with 60 ms latency overlap, but never more than 4 at once")
    }
}

/// Passes requests through to a real transport and records the most uploads in flight at once.
final class ConcurrencyGauge: HTTPTransport, @unchecked Sendable {
    let inner: any HTTPTransport
    private let lock = NSLock()
    private var current = 0
    private var highest = 0

    init(_ inner: any HTTPTransport) { self.inner = inner }

    var peak: Int {
        lock.lock()
        defer { lock.unlock() }
        return highest
    }

    private func change(_ delta: Int) {
        lock.lock()
        current += delta
        highest = max(highest, current)
        lock.unlock()
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let isUpload = request.url.path.hasSuffix("/uploadimg") || request.url.path.hasSuffix("/add_material")
        if isUpload { change(1) }
        defer { if isUpload { change(-1) } }
        return try await inner.send(request)
    }
}
