import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// Images on other hosts are fetched once, kept in the state folder, and re-uploaded to WeChat
/// (which does not show external images). The sandbox's own `/mmbiz/` URLs serve as the other host.
final class RemoteImageTests: XCTestCase {
    func remoteSite(_ url: String) throws -> TestSite {
        try TestSite(
            ["wxpub.yml": TestSite.config(),
             "content/posts/2026-11-20-remote.md": TestSite.post([("title", "外链图")], body: "![外链](\(url))"),
             "content/posts/2026-11-21-local.md": TestSite.post([("title", "本地图")], body: "本地。")],
            images: ["content/images/cover.png": TestImage.png(seed: 1)])
    }

    func testRemoteImageIsFetchedOnceCachedAndUploaded() async throws {
        let account = try SandboxAccount()
        let bytes = TestImage.png(seed: 77, size: 6)
        let url = try await account.client.uploadImage(bytes, baseName: "elsewhere")
        let site = try remoteSite(url)

        let (_, outcomes) = try await account.publish(site)

        XCTAssertEqual(outcomes.map(\.result.isSent), [true, true])
        let cached = account.stateDirectory.appendingPathComponent("cache/remote/" + SHA256.hex(Array(url.utf8)))
        XCTAssertEqual(FileManager.default.contents(atPath: cached.path), bytes, "the fetched bytes are kept")
        let media = try MediaCache.load(from: account.store)
        let entry = try XCTUnwrap(media.lookup(account: account.planner(try site.config()).account, kind: .bodyImage, sha256: SHA256.hex(bytes)))
        XCTAssertEqual(entry.source, url)

        // A later post with the same URL: read from the state folder, nothing uploaded.
        try site.write("content/posts/2026-11-22-again.md", TestSite.post([("title", "再用一次")], body: "![外链](\(url))"))
        let uploads = account.uploadCalls
        let again = try await account.publish(site)
        XCTAssertEqual(again.outcomes.filter(\.result.isSent).map(\.uploads), [0])
        XCTAssertEqual(account.uploadCalls, uploads)
    }

    func testRemoteImageOverTheSizeCapFailsOnlyItsPost() async throws {
        let account = try SandboxAccount()
        let url = try await account.client.uploadImage(TestImage.png(seed: 78, size: 16), baseName: "big")
        let site = try remoteSite(url)
        let publisher = account.publisher(try site.config())
        var fetcher = RemoteImageFetcher(store: account.store)
        fetcher.maxBytes = 100
        let capped = Publisher(planner: publisher.planner, client: account.client, store: account.store, clock: account.server.clock, fetcher: fetcher)

        let (_, outcomes) = try await capped.run(try site.compile().posts)

        guard case .failed(let why) = outcomes.first(where: { $0.broadcast.articles[0].title == "外链图" })?.result else {
            return XCTFail("\(outcomes.map(\.result.text))")
        }
        XCTAssertTrue(why.contains("100-byte cap"), why)
        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [["本地图"]])
    }
}
